package io.hookline.deliverer.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Holds each new connection's TCP connect until it gets a {@link SetupTurns turn}, and keeps the turn
 * until its TLS handshake is over. Notes on the channel when the turn came: the endpoint's share of the
 * attempt's time starts there ({@link AttemptClock}), and the connect and handshake timeouts, which
 * Netty starts when the connect is issued, start there too.
 */
@ChannelHandler.Sharable
final class SetupGate extends ChannelOutboundHandlerAdapter {

    static final String NAME = "hookline.setupGate";
    /** System.nanoTime() when this connection's set-up got its turn; taken by the first request on it. */
    static final AttributeKey<Long> TURN_AT = AttributeKey.valueOf("hookline.turnAt");

    private final SetupTurns turns;
    private final Duration maxWait;

    /** {@code maxWait}: how long a waiter waits on a stuck queue before it goes ahead ({@link SetupTurns}). */
    SetupGate(SetupTurns turns, Duration maxWait) {
        this.turns = turns;
        this.maxWait = maxWait;
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        SetupTurns.Ticket ticket = turns.request(() -> ctx.executor().execute(() -> {
            if (promise.isDone()) {
                return; // given up while it waited (the attempt was cancelled, the channel closed)
            }
            ctx.channel().attr(TURN_AT).set(System.nanoTime());
            ctx.connect(remote, local, promise);
        }));
        check(ctx, ticket, maxWait);
        // over when the handshake is (plain http: when connected), or when anything fails or closes first
        Future<?> setUp = tls != null ? tls.handshakeFuture() : promise;
        setUp.addListener(done -> ticket.done(done.isSuccess()));
        promise.addListener(connected -> {
            if (!connected.isSuccess()) {
                ticket.done(false);
            }
        });
        ctx.channel().closeFuture().addListener(closed -> ticket.done(false));
    }

    /** While it waits, the ticket looks again whenever the queue could have been stuck for {@code maxWait}. */
    private static void check(ChannelHandlerContext ctx, SetupTurns.Ticket ticket, Duration after) {
        ctx.executor().schedule(() -> {
            Duration again = ticket.check();
            if (!again.isZero()) {
                check(ctx, ticket, again);
            }
        }, after.toNanos(), TimeUnit.NANOSECONDS);
    }
}
