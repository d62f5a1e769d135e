package io.hookline.gateway.user;

import io.hookline.gateway.owner.Decision;
import io.hookline.gateway.owner.OwnedKind;
import io.hookline.gateway.owner.OwnedState;
import io.hookline.gateway.owner.Reply;
import io.hookline.schemas.avro.CommandResult;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.PrincipalAction;
import io.hookline.schemas.avro.PrincipalCommand;
import io.hookline.schemas.avro.PrincipalOutcome;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Users as a kind with one writer ({@link io.hookline.gateway.owner}): {@code hookline.principals} changed only
 * by its owner, from {@link PrincipalCommand}s on the single partition of {@code hookline.principal-commands}.
 * One partition is enough (users are few and rarely changed) and needed: an email is unique per team, so one
 * owner must see every user. Public for the first owner's bootstrap and the CLI, which ask the same owner.
 */
public final class PrincipalCommands implements OwnedKind<PrincipalCommand, Principal, PrincipalOutcome> {

    public static final PrincipalCommands KIND = new PrincipalCommands();
    static final String EMAIL_TAKEN = "Your team already has a user with this email.";
    public static final String TEAM_EXISTS = "The team has users already.";
    static final String KEY_CHANGED = "The user's key was revoked or rotated meanwhile; read the user and try again.";

    private PrincipalCommands() {
    }

    /** A new user, refused when the team has one with this email already. */
    public static PrincipalCommand create(Principal principal, String issuedBy, Instant at) {
        return command(principal.getUserId(), principal.getTeamId(), PrincipalAction.CREATE, issuedBy, at).setPrincipal(principal).build();
    }

    /** A new team's first user (its owner), refused when the team has any user already. */
    public static PrincipalCommand createTeam(Principal owner, String issuedBy, Instant at) {
        return PrincipalCommand.newBuilder(create(owner, issuedBy, at)).setNewTeam(true).build();
    }

    /** A new key for the user, refused when its key is no longer the one the asker saw ({@code seen}). */
    static PrincipalCommand rotate(Principal seen, String newKeyHash, String issuedBy, Instant at) {
        return command(seen.getUserId(), seen.getTeamId(), PrincipalAction.ROTATE_KEY, issuedBy, at).setKeyHash(newKeyHash)
                .setExpectedKeyHash(seen.getKeyHash()).build();
    }

    /** No key for the user, whatever key it has now: a revoke is always safe to apply. */
    static PrincipalCommand revoke(Principal seen, String issuedBy, Instant at) {
        return command(seen.getUserId(), seen.getTeamId(), PrincipalAction.REVOKE_KEY, issuedBy, at).build();
    }

    private static PrincipalCommand.Builder command(String userId, String teamId, PrincipalAction action, String issuedBy, Instant at) {
        return PrincipalCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setUserId(userId).setTeamId(teamId)
                .setAction(action).setIssuedBy(issuedBy).setIssuedAt(at);
    }

    @Override
    public Decision<Principal> apply(PrincipalCommand command, OwnedState<Principal> state) {
        Optional<Principal> current = state.get(command.getUserId());
        if (command.getAction() == PrincipalAction.CREATE) {
            Principal created = Objects.requireNonNull(command.getPrincipal(), "CREATE without a principal");
            String email = created.getEmail().toLowerCase(Locale.ROOT);
            List<Principal> team = state.values().stream().filter(p -> p.getTeamId().equals(created.getTeamId())).toList();
            if (current.isPresent()) {
                return new Decision.Refused<>(CommandResult.CONFLICT, "A user with id " + command.getUserId() + " exists.");
            }
            if (command.getNewTeam() && !team.isEmpty()) {
                return new Decision.Refused<>(CommandResult.CONFLICT, TEAM_EXISTS);
            }
            return team.stream().anyMatch(p -> p.getEmail().toLowerCase(Locale.ROOT).equals(email)) ? new Decision.Refused<>(CommandResult.CONFLICT, EMAIL_TAKEN) : new Decision.Written<>(null, created);
        }
        Optional<Principal> visible = current.filter(p -> p.getTeamId().equals(command.getTeamId()));
        if (visible.isEmpty()) {
            return new Decision.Refused<>(CommandResult.NOT_FOUND, "No user " + command.getUserId() + ".");
        }
        Principal user = visible.get();
        return switch (command.getAction()) {
            case CREATE -> throw new IllegalStateException("handled above");
            // compare-and-set: a rotation asked from a view that had not seen a revoke must not bring the user back
            case ROTATE_KEY -> Objects.equals(user.getKeyHash(), command.getExpectedKeyHash())
                    ? new Decision.Written<>(user, Principal.newBuilder(user).setKeyHash(Objects.requireNonNull(command.getKeyHash(),
                            "ROTATE_KEY without a key hash")).build())
                    : new Decision.Refused<>(CommandResult.CONFLICT, KEY_CHANGED);
            case REVOKE_KEY -> new Decision.Written<>(user, Principal.newBuilder(user).setKeyHash(null).build());
        };
    }

    @Override
    public String name() {
        return "principal";
    }

    @Override
    public Topic<String, PrincipalCommand> commands() {
        return Topics.PRINCIPAL_COMMANDS;
    }

    @Override
    public Topic<String, Principal> states() {
        return Topics.PRINCIPALS;
    }

    @Override
    public Topic<String, PrincipalOutcome> outcomes() {
        return Topics.PRINCIPAL_OUTCOMES;
    }

    @Override
    public Topic<String, byte[]> deadLetters() {
        return Topics.OWNED_COMMANDS_DLQ;
    }

    @Override
    public String commandId(PrincipalCommand command) {
        return command.getCommandId();
    }

    @Override
    public String key(PrincipalCommand command) {
        return command.getUserId();
    }

    @Override
    public String keyOf(Principal state) {
        return state.getUserId();
    }

    @Override
    public int partition(PrincipalCommand command) {
        return 0;
    }

    @Override
    public PrincipalOutcome outcome(PrincipalCommand command, Decision<Principal> decision, int partition, long offset) {
        PrincipalOutcome.Builder outcome = PrincipalOutcome.newBuilder().setCommandId(command.getCommandId()).setUserId(command.getUserId())
                .setPartition(partition).setOffset(offset);
        if (decision instanceof Decision.Written<Principal> w) {
            return outcome.setResult(CommandResult.APPLIED).setBefore(w.before()).setAfter(w.after()).build();
        }
        if (decision instanceof Decision.Unchanged<Principal> u) {
            return outcome.setResult(CommandResult.UNCHANGED).setBefore(u.current()).setAfter(u.current()).build();
        }
        Decision.Refused<Principal> r = (Decision.Refused<Principal>) decision;
        return outcome.setResult(r.result()).setMessage(r.message()).build();
    }

    @Override
    public String outcomeCommandId(PrincipalOutcome outcome) {
        return outcome.getCommandId();
    }

    @Override
    public Reply<Principal> reply(PrincipalOutcome o) {
        return new Reply<>(o.getResult(), o.getMessage(), o.getBefore(), o.getAfter(), o.getPartition(), o.getOffset());
    }
}
