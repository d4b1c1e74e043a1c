package org.reftrace.stack;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.Rtable;
import org.reftrace.inet.UncachedList;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * The IPv4 routing cache of kernels before v3.6 ({@code net/ipv4/route.c}'s {@code rt_hash_table}): one cached
 * {@link Rtable} per destination, each holding its output device; the cache holds the reference each dst is made
 * with. When the device is unregistered, {@code rt_flush_dev()} points every cached route at the loopback device
 * instead, so the cache never keeps a dying device. For everyday workloads ({@code churn}); the FIB proper is
 * {@link Fib}.
 */
public final class RouteCache implements NotifierModule {
    private final Map<String, Rtable> cache = new ConcurrentHashMap<>();
    private final UncachedList flushList = new UncachedList();

    @Override
    public String name() {
        return "route";
    }

    /**
     * {@code ip_route_output()} with caching: the cached route to {@code destination} through {@code dev}, made on
     * first use. No reference for the caller: the cache keeps the entry.
     */
    public Rtable routeOutput(String destination, NetDevice dev) {
        return cache.computeIfAbsent(destination, d -> {
            Rtable rt = new Rtable(dev, IpAddr.of(d)); // dst_init() holds dev
            flushList.add(rt);
            return rt;
        });
    }

    /** Cached routes. */
    public int size() {
        return cache.size();
    }

    /** {@code fib_netdev_event()}, the module's notifier. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.UNREGISTER) {
            flushList.flushDev(dev); // rt_flush_dev(): routes through a dying device now go to the loopback
        }
        return 0;
    }
}
