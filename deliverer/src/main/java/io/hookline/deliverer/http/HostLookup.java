package io.hookline.deliverer.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to all its addresses; the JDK resolver in production, a table in tests. */
@FunctionalInterface
interface HostLookup {

    HostLookup JDK = InetAddress::getAllByName;

    InetAddress[] lookup(String host) throws UnknownHostException;
}
