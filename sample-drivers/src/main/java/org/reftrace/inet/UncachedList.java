package org.reftrace.inet;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.netdev.NetDevice;

/**
 * {@code rt_uncached_list} / {@code rt6_uncached_list}: dsts that no nexthop caches, whoever holds them (sockets,
 * flow tables, packets in flight). When a device goes away, {@link #flushDev} points each of its entries at the
 * loopback device ({@code rt_flush_dev()}, {@code rt6_uncached_list_flush_dev()}): the holders keep a working
 * dst and the dying device is released. The list holds no reference; entries leave it when destroyed.
 *
 * <p>Thread-safe.
 */
public final class UncachedList {
    private final Set<DstEntry> entries = ConcurrentHashMap.newKeySet();

    /** {@code rt_add_uncached_list()} / {@code rt6_uncached_list_add()}. */
    public void add(DstEntry dst) {
        dst.uncached = this;
        entries.add(dst);
    }

    void del(DstEntry dst) {
        entries.remove(dst);
    }

    /** {@code rt_flush_dev(dev)} / {@code rt6_uncached_list_flush_dev(dev)}. */
    public void flushDev(NetDevice dev) {
        NetDevice loopback = dev.net().loopback();
        for (DstEntry dst : entries) {
            if (dst.isFreed()) {
                continue;
            }
            if (dst instanceof Rt6Info rt) {
                rt.replaceIdevIfOn(dev);
            }
            if (dst.dev() == dev && dev != loopback) {
                dst.replaceDev(loopback);
            }
        }
    }

    /** Entries on the list. */
    public int size() {
        return entries.size();
    }
}
