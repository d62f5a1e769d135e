package io.hookline.gateway.user;

import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.owner.Commander;
import io.hookline.gateway.owner.Reply;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.PrincipalCommand;
import io.hookline.schemas.avro.PrincipalOutcome;
import io.hookline.schemas.principal.ApiKey;
import io.hookline.schemas.principal.Credentials;
import io.hookline.schemas.principal.Role;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * A team's users: read from the gateway's view of the compacted {@code hookline.principals} topic (the one
 * the authenticator uses); changed only by commands that the one owner of {@code hookline.principal-commands}
 * applies to the users as they are ({@link PrincipalCommands}), whichever gateway was asked. A change
 * completes only once this gateway's view shows it, so a new key authenticates, and a revoked one is
 * refused, as soon as the answer is sent.
 */
final class Users {

    static final String ISSUED_BY = "gateway";

    private final TopicView<Principal> view;
    private final Commander<PrincipalCommand, Principal, PrincipalOutcome> commander;
    private final Clock clock;

    Users(TopicView<Principal> view, Commander<PrincipalCommand, Principal, PrincipalOutcome> commander, Clock clock) {
        this.view = view;
        this.commander = commander;
        this.clock = clock;
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

    /** As this gateway sees it, for an early answer; the owner checks it again when it creates the user. */
    boolean emailTaken(String teamId, String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return view.values().stream().anyMatch(p -> p.getTeamId().equals(teamId) && p.getEmail().toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** A new user with a new key; {@code 409} when the team has a user with this email by the time the owner applies it. */
    Mono<Credentials.Issued> create(String teamId, String email, Role role) {
        Credentials.Issued issued = Credentials.newUser(teamId, email, role, clock.instant());
        return commander.ask(PrincipalCommands.create(issued.principal(), ISSUED_BY, clock.instant())).thenReturn(issued);
    }

    /**
     * A new key for the user as this gateway saw it; {@code 409} when its key was revoked or rotated meanwhile
     * (through any gateway), {@code 404} when the user is gone.
     */
    Mono<Rotated> rotate(Principal seen) {
        ApiKey key = ApiKey.generate(seen.getUserId());
        return commander.ask(PrincipalCommands.rotate(seen, key.hash(), ISSUED_BY, clock.instant()))
                .map(reply -> new Rotated(reply.before(), new Credentials.Issued(reply.after(), key)));
    }

    /** No key for the user any more; completes with the user before and after. */
    Mono<Reply<Principal>> revoke(Principal seen) {
        return commander.ask(PrincipalCommands.revoke(seen, ISSUED_BY, clock.instant()));
    }

    /** Completes once the view has read what the topic held at start-up. */
    Mono<Void> ready() {
        return commander.ready();
    }

    /** A rotation: the user as the owner found it, and with its new key. */
    record Rotated(Principal before, Credentials.Issued issued) {
    }
}
