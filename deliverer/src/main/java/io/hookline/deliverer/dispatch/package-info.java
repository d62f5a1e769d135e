/**
 * How the deliverer reads tasks, shares its capacity and keeps what waits out of its way.
 *
 * <h2>Fairness between teams</h2>
 * The {@link io.hookline.deliverer.dispatch.ConsumerLoop} hands every task to the
 * {@link io.hookline.deliverer.dispatch.Dispatcher}, which runs at most {@code max-in-flight}
 * attempts, {@code max-in-flight-per-endpoint} per webhook. Endpoints waiting for a global slot are
 * grouped by the task's tenant ({@link io.hookline.deliverer.dispatch.Teams}): teams take turns, and
 * a team holding {@code max-team-share} of the slots is passed over while another team waits (a team
 * alone may use them all). Slots are not enough: the consumer pauses when {@code max-buffered} tasks
 * are held, and a paused consumer delays every team's tasks behind one team's backlog. So, while
 * another team is active (handed over work in the last five minutes), a team may buffer at most
 * {@code max-team-share} of {@code max-buffered}; beyond that its tasks that would queue anyway are
 * parked in {@code hookline.delivery-retries} with a {@code notBefore} spaced at the team's recent
 * finishing rate, so they come back about as fast as the team drains rather than all at once. A team
 * alone is never parked: that would only add latency and Kafka traffic (the delivery benchmark's
 * one-team fan-out lost half its deliveries' 3-minute deadline when it was).
 *
 * <h2>A slot lasts until the answer</h2>
 * An attempt's slot is free once the job knows what follows it: for an attempt after which nothing else is
 * written (delivered, or failed for good) that is the endpoint's answer, while its record is still being
 * written ({@link io.hookline.deliverer.dispatch.Dispatcher.Released}); its offset is finished, and may be
 * committed, only once the record is acknowledged. A slot held until then waited for the producer's linger
 * and a broker round trip (a FIFO webhook's next delivery with it), which kept the producer from lingering
 * long enough for many attempts' records to share a produce request. An attempt that leads to a retry (and, for FIFO, a hold)
 * keeps its slot until the retry is written, so the hold is in place before the next task starts.
 *
 * <h2>FIFO webhooks that wait</h2>
 * A FIFO webhook's next delivery must wait for the current one. Waiting in place held a global slot
 * and the task's offset for the whole retry wait: enough FIFO webhooks with long steps took every
 * slot, and the pinned offsets made a restart re-send everything read after them. Now the retry goes
 * to the retry topic like any other and the dispatcher <em>holds</em> the webhook
 * ({@link io.hookline.deliverer.dispatch.Parking}): its queued and later tasks are parked in the retry
 * topic behind the retry, with the same {@code notBefore}, in order (one producer thread, one key,
 * one partition). The first of them to come back ends the hold; it is the retry itself unless the
 * retry is gone, which is how a lost hold heals. Held webhooks take no slot, no memory and no offset.
 * The hold lives in memory: a restart or rebalance forgets it, and a task arriving before the parked
 * ones are back may then overtake them.
 *
 * <h2>Retries that wait long</h2>
 * The {@link io.hookline.deliverer.dispatch.RetryLoop} keeps waiting retries in memory until due and
 * commits an offset only once its task is back on {@code hookline.deliveries}. It keeps only retries
 * due within {@code retry-horizon}, at most {@code max-waiting-retries-per-webhook} of one webhook;
 * the others go to {@code hookline.delivery-retries.later}, which
 * {@link io.hookline.deliverer.dispatch.RetryLaps} reads one horizon after each write (records are in
 * write order, so it waits on a partition's head alone) and sends on when due within the horizon, or
 * round again. A far-future retry so costs a write per horizon instead of memory and a pinned offset.
 * FIFO tasks stay on the first path whatever their due time: two paths of different speeds would
 * not keep their order.
 *
 * <h2>After a crash, only what was in flight</h2>
 * Offsets are committed as the lowest unfinished one per partition, every 100 ms: after a
 * {@code kill -9} everything read after the oldest attempt then running is read again, most of it
 * already delivered, and the router's own crash routes some events again (same delivery ids). Offsets
 * cannot say more, so the delivery log does: {@link io.hookline.deliverer.dispatch.Finished} keeps,
 * per assigned partition, the delivery ids with an attempt on {@code hookline.delivery-log} and their
 * highest attempt number ({@link io.hookline.deliverer.dispatch.FinishedDeliveries}), and a task whose
 * attempt number is there is finished without being sent. The record is built on the partition's
 * first record after assignment, by reading the delivery log's partition of the same number (both
 * topics are keyed by webhook id) from a minute before that record's timestamp: every task read from
 * there on was attempted after it was written; the minute covers the router's second copies, whose
 * first copies were delivered just before. Then every recorded attempt of this instance is added. A
 * copy read while the same attempt runs (the re-read original and the router's copy, in one go) is
 * finished at once too; that loses nothing, because the running one's offset stays unfinished until
 * it is recorded. Bounded to the 20,000 deliveries recorded last per partition (~3 MB): beyond that
 * a re-read task is sent again, a duplicate, never a loss. Manual re-deliveries are always sent.
 * What remains are the attempts in flight at the crash: sent, not yet recorded (CrashBench, BENCHMARKS.md).
 *
 * <h2>Pending: what waits, and why</h2>
 * A delivery is pending from the moment it is routed until its first attempt ends (issue 13). Most of
 * that costs the deliverer nothing: a task it has not read, one queued in memory for a slot (the
 * endpoint's, the global ones or its team's share) and one whose attempt is in flight all lie after the
 * group's committed offset (the lowest unfinished one), where the gateway finds them when a list is
 * asked for, one bounded read per listing ({@code gateway/deliverylog/KafkaBacklog}). Telling of slot
 * waits instead cost one delivery-log write for 46,000 of 50,000 deliveries of a saturated deliverer.
 * The waits worth a record are written as {@code pending} records to the delivery log, with the reason
 * and the expected start: behind its webhook's rate limit or an earlier delivery of a FIFO webhook (the
 * {@link io.hookline.deliverer.dispatch.Dispatcher} tells of a queued task once it has waited
 * {@link io.hookline.deliverer.dispatch.Waits#GRACE}: one check per poll of the oldest queued tasks,
 * so no record per poll lap), and, at once, parked in the retry topic (behind a FIFO retry, or its
 * team's overflow) or deferred by an open circuit ({@code DeliveryJob}): those leave
 * {@code hookline.deliveries} (their offsets are committed once the retry topic has them), so only
 * their record shows them. Each task once per wait. The record is handed to the producer under the
 * dispatcher's lock, before the task can start, so the attempt's record follows it on the log and
 * supersedes it. Its attempt number is 0, and the read-back after a crash skips pending records: a
 * delivery that only waited is sent. The backlog as a number is the consumer lag
 * ({@code hookline_deliverer_consumer_lag}, and {@code consumerLag} in the deliverer's health).
 */
package io.hookline.deliverer.dispatch;
