package org.reftrace.stack;

import org.reftrace.inet.IpPrefix;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * {@code register_inetaddr_notifier()} / {@code register_inet6addr_notifier()}: told when an address is added
 * ({@link NetdevEvent#UP}) or removed ({@link NetdevEvent#DOWN}); the routing modules add and remove the
 * address's prefix route. Called under rtnl.
 */
@FunctionalInterface
public interface InetaddrNotifier {
    void onAddress(NetdevEvent event, NetDevice dev, IpPrefix address);
}
