package io.hookline.schemas.states;

/** Event types with a meaning of their own to the platform. */
public final class ReservedEventTypes {

    /** The subscription to every event type, including types registered later. */
    public static final String ALL = "*";

    /** The type of verification and test sends; their deliveries are triggered as {@link Trigger#TEST}. */
    public static final String TEST = "webhook.test";

    private ReservedEventTypes() {
    }
}
