package io.hookline.gateway.user;

import io.hookline.schemas.principal.Credentials;
import io.hookline.schemas.principal.Role;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * A team's users: written to the compacted {@code hookline.principals} topic and read from the
 * gateway's view of it (the one the authenticator uses). A write completes only once the view has
 * applied it, so a new key authenticates, and a revoked one is refused, as soon as the answer is sent.
 */
final class Users {

    private final TopicView<Principal> view;
    private final GatewayPublisher publisher;
    private final Clock clock;
    private final Duration writeTimeout;

    Users(TopicView<Principal> view, GatewayPublisher publisher, Clock clock, Duration writeTimeout) {
        this.view = view;
        this.publisher = publisher;
        this.clock = clock;
        this.writeTimeout = writeTimeout;
    }

    /** The team's user; empty for unknown users and other teams' users alike. */
    Optional<Principal> find(String teamId, String userId) {
        return view.get(userId).filter(p -> p.getTeamId().equals(teamId));
    }

    /** Every user of the team, oldest first. */
    List<Principal> list(String teamId) {
        return view.values().stream()
                .filter(p -> p.getTeamId().equals(teamId))
                .sorted(Comparator.comparing(Principal::getCreatedAt).thenComparing(Principal::getUserId))
                .toList();
    }

    boolean emailTaken(String teamId, String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return view.values().stream().anyMatch(p -> p.getTeamId().equals(teamId) && p.getEmail().toLowerCase(Locale.ROOT).equals(wanted));
    }

    Mono<Credentials.Issued> create(String teamId, String email, Role role) {
        Credentials.Issued issued = Credentials.newUser(teamId, email, role, clock.instant());
        return write(issued.principal()).thenReturn(issued);
    }

    Mono<Credentials.Issued> rotate(Principal existing) {
        Credentials.Issued issued = Credentials.rotate(existing);
        return write(issued.principal()).thenReturn(issued);
    }

    Mono<Principal> revoke(Principal existing) {
        Principal revoked = Credentials.revoke(existing);
        return write(revoked).thenReturn(revoked);
    }

    /** Completes once the view has read what the topic held at start-up. */
    Mono<Void> ready() {
        return Mono.fromFuture(view::caughtUp)
                .timeout(writeTimeout, Mono.error(() -> new KafkaUnavailableException("principals view not caught up within " + writeTimeout)));
    }

    private Mono<Void> write(Principal principal) {
        return publisher.send(Topics.PRINCIPALS, null, principal.getUserId(), principal)
                .flatMap(metadata -> Mono.fromFuture(() -> view.awaitOffset(metadata.partition(), metadata.offset(), writeTimeout)))
                .onErrorMap(TimeoutException.class, e -> new KafkaUnavailableException(
                        "user " + principal.getUserId() + " was written but the view did not show it within " + writeTimeout, e));
    }
}
