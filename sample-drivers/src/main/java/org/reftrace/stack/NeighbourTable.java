package org.reftrace.stack;

import static org.reftrace.netdev.Dev.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code net/core/neighbour.c}: neighbour entries are themselves refcounted and each holds its device until
 * the entry is destroyed. {@code neigh_ifdown()} drops the table's references on a dying device's entries;
 * an entry someone else still holds keeps the device until that holder releases it.
 */
public final class NeighbourTable implements NotifierModule {

    /** {@code struct neighbour}: refcounted; holds its device until destroyed. */
    public static final class Neighbour {
        final String address;
        final NetDevice dev;
        final NetdevTracker devTracker = new NetdevTracker();
        final AtomicInteger refcnt = new AtomicInteger(1); // the table's reference

        Neighbour(String address, NetDevice dev) {
            this.address = address;
            this.dev = dev;
        }

        public NetDevice dev() {
            return dev;
        }

        /** {@code neigh_release()}: the last release destroys the entry and puts its device. */
        public void release() {
            if (refcnt.decrementAndGet() == 0) {
                netdevPut(dev, devTracker); // neigh_destroy()
            }
        }
    }

    private final Map<String, Neighbour> table = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "neigh";
    }

    /** {@code neigh_lookup()} creating on miss: the entry, with a reference the caller must release. */
    public Neighbour lookup(NetDevice dev, String address) {
        Neighbour n = table.computeIfAbsent(dev.ifindex() + "/" + address, k -> {
            Neighbour created = new Neighbour(address, dev);
            netdevHold(dev, created.devTracker);
            return created;
        });
        n.refcnt.incrementAndGet();
        return n;
    }

    /** {@code neighNetdevEvent()}, the module's notifier. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.UNREGISTER) {
            table.values().removeIf(n -> {
                if (n.dev != dev) {
                    return false;
                }
                n.release(); // the table's reference
                return true;
            });
        }
        return 0;
    }
}
