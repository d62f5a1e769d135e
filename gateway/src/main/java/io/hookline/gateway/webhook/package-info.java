/**
 * The webhook API, and the one writer of each partition of {@code hookline.webhooks}.
 *
 * <h2>One writer per partition</h2>
 * Every change to a webhook (create, PATCH, secret rotation, delete, a verification's result, enable,
 * disable, the deliverer's automatic disables) is a {@code WebhookCommand} on
 * {@code hookline.webhook-commands}, on the tenant's partition. The gateways read that topic as one
 * consumer group (the generic {@link io.hookline.gateway.owner.OwnerLoop} with
 * {@link io.hookline.gateway.webhook.WebhookKind}, see {@link io.hookline.gateway.owner}), so each partition has one owner at
 * a time, and partition <i>p</i> of the commands is applied to partition <i>p</i> of the webhooks (both
 * are partitioned by tenant, with as many partitions): the owner is the one writer of that partition. It
 * applies the commands one at a time, in partition order, to the webhooks as it holds them
 * (the owner package's {@code OwnedPartition}: the view, read to the partition's end before the
 * first command, overlaid with the owner's own writes, so there is no read-lag window). Two gateways
 * changing one webhook at the same instant therefore cannot undo each other: the second change is applied
 * to what the first wrote. The apply function ({@link io.hookline.gateway.webhook.Applied}) depends only on
 * the command and the state: commands are fully determined by the gateway that was asked (ids, the new
 * secret's ciphertext, sealed header values, the time, the request's validated fields).
 *
 * <h2>Kafka transactions, and why</h2>
 * Re-applying a command is not idempotent everywhere: a rotation applied twice adds its secret twice and
 * cuts the overlap of the older ones short; a create applied again after a delete brings the webhook back.
 * So the owner writes the new state (for a delete, its {@code deleted} state and then a tombstone), the
 * outcome and the command's consumer offset in one transaction
 * ({@code OwnerTransactions}; the deleted state and the tombstone are {@code WebhookKind.records}): a command is applied exactly once, also across
 * an owner crash, and an owner that lost its partition is fenced by the group generation (KIP-447).
 * Readers of both topics are {@code read_committed}. A killed owner's open transaction is aborted by the
 * broker after 10 s; until then the next owner waits, as its view cannot read past it.
 *
 * <h2>Answers and read-your-writes</h2>
 * The gateway that was asked validates what needs no state (the {@code 422}s), sends the command and waits
 * for its {@code WebhookOutcome} on {@code hookline.webhook-outcomes} (keyed by command id, read from the
 * end by every gateway, {@link io.hookline.gateway.owner.Outcomes}). The outcome carries the states
 * before and after (for the audit log, which the asked gateway still writes, as before) and the offset of
 * what was written on {@code hookline.webhooks}; the gateway answers once its own view has read that offset,
 * so its caller, and any later request to it, sees the change. A refusal by the webhook's state comes back
 * as {@code NOT_FOUND} ({@code 404}: deleted meanwhile) or {@code CONFLICT} ({@code 409}). No outcome and
 * view within {@code hookline.gateway.write-timeout}: {@code 503}, as before (the command may still be
 * applied later).
 *
 * <h2>Custom header values</h2>
 * Stored sealed with the signing secrets' {@link io.hookline.schemas.crypto.SecretCipher}, names in clear
 * ({@code headerValuesEncrypted}; older records hold clear values and are read as they are); the API shows
 * them in clear, as API.md says, and the deliverer opens them when it builds the request.
 */
package io.hookline.gateway.webhook;
