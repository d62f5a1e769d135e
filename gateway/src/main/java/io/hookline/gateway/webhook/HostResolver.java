package io.hookline.gateway.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to its addresses (DNS in production); blocking. */
@FunctionalInterface
public interface HostResolver {

    HostResolver DNS = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
