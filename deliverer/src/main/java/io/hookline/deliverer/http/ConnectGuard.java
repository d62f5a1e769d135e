package io.hookline.deliverer.http;

import io.hookline.schemas.net.AddressPolicy;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Checks the address of every connection at the moment it is opened. Names are checked by
 * {@link PolicyResolverGroup}; this catches what never goes through a resolver: a URL whose host is
 * an IP literal (Reactor Netty treats it as already resolved).
 */
@ChannelHandler.Sharable
final class ConnectGuard extends ChannelOutboundHandlerAdapter {

    static final String NAME = "hookline.connectGuard";

    private final AddressPolicy policy;

    ConnectGuard(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) throws Exception {
        if (remote instanceof InetSocketAddress inet) {
            Optional<String> refusal = inet.getAddress() == null
                    ? Optional.of("address of " + inet.getHostString() + " was not resolved by the checked resolver")
                    : PolicyResolverGroup.refusal(policy, inet.getAddress());
            if (refusal.isPresent()) {
                promise.setFailure(new AddressRefusedException(refusal.get()));
                return;
            }
        }
        super.connect(ctx, remote, local, promise);
    }
}
