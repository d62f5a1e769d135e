package io.hookline.deliverer.http;

import io.hookline.schemas.net.AddressPolicy;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The HTTP client's only name resolver: it resolves a host once, refuses it when ANY of its addresses
 * is outside the {@link AddressPolicy}, and hands the checked addresses to the connect step. There
 * is no second lookup, so a DNS answer cannot change between the check and the connection
 * (DNS rebinding). Lookups block, so they run on their own executor, never on an event loop.
 */
final class PolicyResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final AddressPolicy policy;
    private final HostLookup lookup;
    private final Executor blocking;

    PolicyResolverGroup(AddressPolicy policy, HostLookup lookup, Executor blocking) {
        this.policy = policy;
        this.lookup = lookup;
        this.blocking = blocking;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new CheckedNameResolver(executor));
    }

    /** Why this address may not be connected to, phrased for the attempt's error. */
    static Optional<String> refusal(AddressPolicy policy, InetAddress address) {
        return policy.refusal(address).map(reason -> "address " + reason);
    }

    private final class CheckedNameResolver extends InetNameResolver {

        CheckedNameResolver(EventExecutor executor) {
            super(executor);
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            resolve(host, addresses -> promise.trySuccess(addresses.get(0)), promise::tryFailure);
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            resolve(host, promise::trySuccess, promise::tryFailure);
        }

        private void resolve(String host, java.util.function.Consumer<List<InetAddress>> success,
                             java.util.function.Consumer<Throwable> failure) {
            try {
                blocking.execute(() -> {
                    try {
                        List<InetAddress> addresses = List.of(lookup.lookup(host));
                        if (addresses.isEmpty()) {
                            failure.accept(new UnknownHostException(host));
                            return;
                        }
                        for (InetAddress address : addresses) {
                            Optional<String> refusal = refusal(policy, address);
                            if (refusal.isPresent()) {
                                failure.accept(new AddressRefusedException(refusal.get() + "; resolved from " + host));
                                return;
                            }
                        }
                        success.accept(addresses);
                    } catch (UnknownHostException e) {
                        failure.accept(new UnknownHostException(host));
                    } catch (RuntimeException e) {
                        failure.accept(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                failure.accept(new UnknownHostException(host + " (resolver is shut down)"));
            }
        }
    }
}
