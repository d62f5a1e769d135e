package io.hookline.router.routing;

/** What reading one record of {@code hookline.events} gave: an event to route, or why there is none. */
sealed interface ParsedEvent {

    record Accepted(IncomingEvent event) implements ParsedEvent {
    }

    record Rejected(String reason) implements ParsedEvent {
    }
}
