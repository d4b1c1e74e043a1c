package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevTracker;

/** An everyday leak: a cache of routes that keeps its device past NETDEV_UNREGISTER. */
public final class StaleRouteCache extends AbstractScenario {

    /** User code: a tunnel's per-destination route cache; each entry holds the output device. */
    public static final class TunnelRouteCache {
        private record Entry(NetDevice dev, NetdevTracker tracker) {}

        private final Map<String, Entry> routes = new ConcurrentHashMap<>();

        TunnelRouteCache(Kernel kernel, boolean flushOnUnregister) {
            if (flushOnUnregister) {
                registerNetdeviceNotifier(kernel, (event, dev) -> {
                    if (event == NetdevEvent.UNREGISTER) {
                        flush(dev);
                    }
                    return 0;
                });
            }
        }

        void transmit(String destination, NetDevice dev) {
            routes.computeIfAbsent(destination, d -> cacheRoute(dev));
        }

        private Entry cacheRoute(NetDevice dev) {
            Entry entry = new Entry(dev, new NetdevTracker());
            netdevHold(dev, entry.tracker);
            return entry;
        }

        private void flush(NetDevice dev) {
            routes.values().removeIf(entry -> {
                if (entry.dev != dev) {
                    return false;
                }
                netdevPut(entry.dev, entry.tracker);
                return true;
            });
        }
    }

    public StaleRouteCache() {
        super("stale-route-cache", List.of(), Outcome.HANG, "TunnelRouteCache.cacheRoute",
                "a tunnel's route cache keeps its output device past NETDEV_UNREGISTER",
                "A cache whose entries hold a device must let go when the device goes away: every holder has to "
                        + "drop its references in NETDEV_UNREGISTER (re-sent every second while the wait lasts, so "
                        + "the handler must be idempotent). This cache never listens, so its three cached routes "
                        + "keep dummy0 alive and \"ip link del dummy0\" hangs. Fix: flush the device's entries on "
                        + "NETDEV_UNREGISTER, as the kernel's rt_flush_dev() does.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        TunnelRouteCache cache = new TunnelRouteCache(ctx.kernel(), !ctx.buggy());
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.say("# the tunnel sends to three peers through dummy0");
        NetDevice dummy0 = ctx.device("dummy0");
        for (String peer : List.of("10.0.0.2", "10.0.0.3", "10.0.0.4")) {
            cache.transmit(peer, dummy0);
        }
        ctx.linkDel("dummy0");
    }
}
