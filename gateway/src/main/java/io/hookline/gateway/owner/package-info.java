/**
 * One writer per partition of a compacted state topic, for any kind of state ({@link io.hookline.gateway.owner.OwnedKind}):
 * today the users ({@code hookline.principals}, {@link io.hookline.gateway.user.PrincipalCommands}) and the docs
 * ({@code hookline.docs}, {@code doc.DocCommands}) and the webhooks ({@code hookline.webhooks},
 * {@code webhook.WebhookKind}, which came first: see its package-info; it adds a {@code deleted} state before
 * the tombstone and the owner-side audit entry of the deliverer's disables, through {@code OwnedKind}'s hooks).
 *
 * <h2>How</h2>
 * Every change is a command on the kind's commands topic, on the partition of the record it changes. Every
 * instance that may apply them runs an {@link io.hookline.gateway.owner.OwnerLoop}, one consumer group per
 * kind, so each partition has one owner at a time, and partition <i>p</i> of the commands is applied to
 * partition <i>p</i> of the state by that owner alone. It applies the commands one at a time, in partition
 * order, to the records as it holds them (the view read to the partition's end, overlaid with its own writes),
 * so two gateways changing one record at the same instant cannot undo each other: the second command is
 * applied to what the first wrote. The apply function ({@code OwnedKind.apply}) is pure: commands carry
 * everything the asking side decided (ids, key hashes, times), and what the owner decides, beside the new
 * state, is only whether it applies ({@link io.hookline.gateway.owner.Decision}). A change that was decided
 * on a view that is stale by then is refused, not applied over a newer state: a key rotation names the key it
 * replaces, and a revoke meanwhile makes it a {@code 409}; an email taken meanwhile is a {@code 409}.
 *
 * <h2>Exactly once, and the answer</h2>
 * The owner writes the new state, the outcome and the command's consumer offset in one Kafka transaction
 * ({@code OwnerTransactions}): a command is applied exactly once, also across an owner crash, and an owner
 * that lost its partition is fenced by the group generation (KIP-447). The asking side
 * ({@link io.hookline.gateway.owner.Commander}) waits for the outcome (on the kind's outcomes topic, read from
 * its end by every instance, {@link io.hookline.gateway.owner.Outcomes}) and then for its own view to have
 * read the written offset, so its caller, and any later request to it, sees the change. Refusals come back as
 * the API's {@code 404} ({@code NOT_FOUND}: gone meanwhile) or {@code 409} ({@code CONFLICT}); no outcome
 * within {@code hookline.gateway.write-timeout} is a {@code 503} (the command may still be applied later). The
 * asking gateway writes the audit entry from the outcome's states before and after, as before.
 *
 * <h2>When the loop fails</h2>
 * A command that cannot be read or applied goes to the kind's dead-letter topic; Kafka unavailable is tried
 * again. Anything else (a bug, an unexpected exception out of a poll or a hook) must not end the loop, or a
 * lone gateway answers every change of the kind with {@code 503} until restarted: the loop closes its consumer
 * and its transactional producer, waits a back-off ({@code Backoff}) that {@code stop()} cuts short, and a
 * fresh consumer rejoins the group and reads on from the committed offset (the failed command's transaction
 * did not commit: nothing lost, nothing applied twice). A command that fails it three times goes to the dead
 * letters ({@code Restarts}). Health's {@code owners} component is {@code DOWN} meanwhile.
 *
 * <h2>Partitions</h2>
 * Principals: one partition of commands, as of {@code hookline.principals}. Users are few and rarely changed,
 * and an email is unique per team, which one owner can check only if it sees every user. Docs: as many
 * partitions as {@code hookline.docs}; a doc's commands go to the partition Kafka's default partitioner gives
 * its id, where its records have always been.
 *
 * <h2>Writers outside the gateway</h2>
 * The first owner's bootstrap asks with a command like any request. The CLI ({@code hookline teams create},
 * {@code users create}) may run while no gateway runs (first set-up), and may not use the gateway's classes
 * (module boundaries): when the owners' group of {@code hookline.principal-commands} has members, it sends the
 * same {@code PrincipalCommand} and waits for its outcome on {@code hookline.principal-outcomes}, so its
 * checks are the owner's; when the group is empty there is no other writer and it writes the new principal
 * itself (two CLI runs at that very instant, or a gateway starting between its check and its write, are not
 * ordered by an owner). Nothing else writes {@code hookline.principals} or {@code hookline.docs}.
 */
package io.hookline.gateway.owner;
