/**
 * The outbound HTTP client of every attempt: TLS, the address policy, and the attempt's time budget.
 *
 * <h2>What the timeout measures</h2>
 * {@code hookline.delivery.timeout} is the endpoint's time, not Hookline's: it counts from when this
 * attempt's connection set-up got its turn (TCP connect, TLS handshake, request, response are charged)
 * or, on a pooled keep-alive connection, from when the request is written. Waiting for a set-up turn
 * or for a pooled connection is Hookline's own queueing and is not charged ({@link
 * io.hookline.deliverer.http.AttemptClock}).
 *
 * <p>Why: on a just-started platform the first burst opens one connection per attempt in flight (16 per
 * endpoint) and, before, ran all their TLS handshakes at once. A handshake is mostly local CPU, and a cold
 * JVM runs it slowly; 160 of them side by side each took seconds, and with a 2 s timeout dozens of the
 * first 5,000 deliveries to ten healthy loopback endpoints failed. Each timed-out attempt closed its
 * connection, so the retry (or the next task) needed a new handshake, which kept the pile-up going.
 *
 * <p>Of the three ways out (bound the concurrent handshakes, pre-warm, start the clock at the request)
 * this package does the first, and counts the budget from the turn:
 * <ul>
 *   <li><b>Bounded set-ups</b> ({@link io.hookline.deliverer.http.SetupTurns}, {@link
 *       io.hookline.deliverer.http.SetupGate}): at most {@code max(4, 2 × cores)} connections are
 *       connecting or shaking hands at once; the rest wait first come first served. Each handshake then
 *       gets the CPU and finishes in milliseconds, and the queue drains sooner than the pile-up did.
 *       Netty's connect timeout and the handshake timeout (both the attempt timeout) start at the turn.</li>
 *   <li><b>A set-up waits as long as the queue moves</b>: a busy Hookline is no reason to pile the
 *       handshakes up again (a first version let every waiter go after one timeout, and at 2 s on a loaded
 *       machine the pile-up came back). When no set-up has succeeded for one timeout, the turns are held by
 *       endpoints that hang in their handshake, and a waiter goes ahead without a turn: such endpoints must
 *       not hold back other endpoints' connections for longer than that. An attempt's wall time can thus
 *       exceed the timeout while Hookline is congested; only its own part is charged.</li>
 *   <li>Not the clock at the request alone: a handshake that times out because the endpoint is slow or
 *       hangs must still count, so a new connection's set-up is charged from its turn on.</li>
 *   <li>Not pre-warming: Hookline does not know the endpoints before the first task, and warming the
 *       TLS code against itself would take a start-up cost from every deployment for the first minute's sake.</li>
 * </ul>
 */
package io.hookline.deliverer.http;
