package org.reftrace.stack;

import static org.reftrace.netdev.Dev.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code net/ipv4/route.c}'s cached routes: a {@code dst_entry} holds its output device. When the device is
 * unregistered, {@code rt_flush_dev()} points every cached route at the loopback device instead, so the cache
 * never keeps a dying device.
 */
public final class RouteCache implements NotifierModule {

    /** {@code struct dst_entry}: a cached route and the device it holds. */
    public static final class Dst {
        final String destination;
        volatile NetDevice dev;
        final NetdevTracker devTracker = new NetdevTracker();

        Dst(String destination, NetDevice dev) {
            this.destination = destination;
            this.dev = dev;
        }

        public NetDevice dev() {
            return dev;
        }
    }

    private final Map<String, Dst> cache = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "route";
    }

    /** {@code ip_route_output()} with caching: the cached route to {@code destination} through {@code dev}. */
    public Dst routeOutput(String destination, NetDevice dev) {
        return cache.computeIfAbsent(destination, d -> {
            Dst dst = new Dst(d, dev);
            netdevHold(dev, dst.devTracker); // dst_init()
            return dst;
        });
    }

    /** Cached routes. */
    public int size() {
        return cache.size();
    }

    /** {@code fibNetdevEvent()}, the module's notifier. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.UNREGISTER) {
            rtFlushDev(dev);
        }
        return 0;
    }

    /** {@code rt_flush_dev()}: routes through a dying device now go to the loopback. */
    private void rtFlushDev(NetDevice dev) {
        NetDevice loopback = dev.net().loopback();
        for (Dst dst : cache.values()) {
            if (dst.dev == dev) {
                netdevPut(dev, dst.devTracker);
                dst.dev = loopback;
                netdevHold(loopback, dst.devTracker);
            }
        }
    }
}
