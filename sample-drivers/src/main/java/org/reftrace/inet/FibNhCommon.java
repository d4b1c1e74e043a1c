package org.reftrace.inet;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code struct fib_nh_common} (with {@code fib_nh} and {@code fib6_nh}): where a route or nexthop sends, and the
 * dsts it caches. Embedded in its owner ({@link FibInfo}, {@link Fib6Info} or {@link Nexthop}), which takes and
 * drops the device reference ({@link #devTracker}, {@code nhc_dev_tracker}) in its own methods. <b>Holds</b> its
 * cached output dst ({@code nhc_pcpu_rth_output} / {@code rt6i_pcpu}; one per nexthop in the model, not per CPU)
 * and, for IPv6, the exception table's dsts ({@code rt6i_exception_bucket}): learned per-destination routes.
 *
 * <p>Thread-safe.
 */
public final class FibNhCommon {
    final AddressFamily family;
    final NetDevice dev;
    final IpAddr gw;
    /** {@code nhc_dev_tracker}: the owner's reference on {@link #dev}. */
    final NetdevTracker devTracker = new NetdevTracker();
    private volatile DstEntry cachedOutput;
    private final Map<IpAddr, Rt6Info> exceptions = new ConcurrentHashMap<>();
    private final UncachedList uncached;
    /** {@code nhc_lwtstate}: the owner's reference on its encapsulation, or {@code null}. */
    volatile LwtunnelState lwtstate;

    /** @param uncached where a replaced cached dst goes (the family's uncached list) */
    FibNhCommon(AddressFamily family, NetDevice dev, IpAddr gw, UncachedList uncached) {
        this.family = family;
        this.dev = dev;
        this.gw = gw;
        this.uncached = uncached;
    }

    /** {@code nhc_dev}. */
    public NetDevice dev() {
        return dev;
    }

    /** {@code nhc_lwtstate}, or {@code null}. */
    public LwtunnelState lwtstate() {
        return lwtstate;
    }

    /** {@code nhc_gw}, or {@code null} for a directly connected nexthop. */
    public IpAddr gw() {
        return gw;
    }

    /**
     * The nexthop's output dst ({@code rt_cache_valid()}, {@code __mkroute_output()}, {@code rt6_get_pcpu_route()}):
     * the cached one if it is alive, else a new one from {@code alloc}, cached in its place (the reference it is
     * made with becomes the cache's; a dst it replaces goes to the uncached list, so whoever still holds it keeps
     * {@code rt_flush_dev()}, and the cache's reference on it is dropped). With {@code ref} the caller gets a
     * reference of its own ({@code dst_hold_safe()}), which belongs to the caller of the route lookup that asked;
     * without, it gets none and must stay in its RCU read section.
     */
    public DstEntry outputDst(java.util.function.Supplier<? extends DstEntry> alloc, boolean ref) {
        DstEntry orig = null;
        DstEntry rt;
        synchronized (this) {
            rt = cachedOutput;
            if (rt == null || rt.obsolete() == DstEntry.DST_OBSOLETE_DEAD || rt.refcnt() <= 0) {
                orig = rt;
                rt = alloc.get();
                cachedOutput = rt;
            }
            if (ref) {
                rt.inc("dst_hold_safe");
            }
        }
        if (orig != null) {
            uncached.add(orig);
            Dst.dstRelease(orig);
        }
        return rt;
    }

    /**
     * {@code rt6_find_cached_rt()}: the exception for {@code daddr}, or null; with {@code ref} with a reference for
     * the caller of the route lookup ({@code ip6_hold_safe()}), without it none.
     */
    public Rt6Info exception(IpAddr daddr, boolean ref) {
        Rt6Info rt = exceptions.get(daddr);
        if (rt == null || ref && !rt.incNotZero("ip6_hold_safe")) {
            return null;
        }
        return rt;
    }

    /** {@code rt6_insert_exception(nrt, res)}: the table keeps the reference {@code rt} was made with. */
    public void insertException(Rt6Info rt, Fib6Info from) {
        rt.setFrom(from);
        Rt6Info old = exceptions.put(rt.daddr(), rt);
        if (old != null) {
            removeException(old, false);
        }
    }

    /**
     * {@code rt6_remove_exception_rt(rt)}: purges the exception "to allow releasing the held resources: some [sk]
     * cache may keep the dst around for unlimited time": drops its route entry, points it at {@code lo}, drops
     * the table's reference. Returns whether {@code rt} was in the table.
     */
    public boolean removeExceptionRt(Rt6Info rt) {
        return exceptions.remove(rt.daddr(), rt) && removeException(rt, true);
    }

    private boolean removeException(Rt6Info rt, boolean removed) {
        rt.dropFrom();
        Dst.dstDevPut(rt);
        Dst.dstRelease(rt);
        return removed;
    }

    /** Exceptions in the table. */
    public List<Rt6Info> exceptions() {
        return List.copyOf(exceptions.values());
    }

    /**
     * What {@code fib_nh_common_release()} / {@code fib6_nh_release()} does to the dsts: flushes the exceptions
     * and drops the cached dst, pointing it at {@code lo} first ({@code dst_dev_put()}) so that a holder that
     * keeps it no longer pins this nexthop's device.
     */
    void releaseDsts() {
        for (Rt6Info rt : exceptions()) {
            removeExceptionRt(rt);
        }
        DstEntry rt;
        synchronized (this) {
            rt = cachedOutput;
            cachedOutput = null;
        }
        if (rt instanceof Rt6Info rt6) {
            rt6.dropFrom(); // __fib6_drop_pcpu_from()
        }
        if (rt != null) {
            Dst.dstDevPut(rt);
            Dst.dstRelease(rt);
        }
    }

    /**
     * {@code fib6_purge_rt()} for a route entry using this nexthop: its exceptions are flushed
     * ({@code fib6_nh_flush_exceptions()}) and the cached copy made from it lets go of it
     * ({@code __fib6_drop_pcpu_from()}), so that the entry, once deleted, can be freed.
     */
    void purgeRoute(Fib6Info f6i) {
        for (Rt6Info rt : exceptions()) {
            if (rt.from() == f6i) {
                removeExceptionRt(rt);
            }
        }
        if (cachedOutput instanceof Rt6Info rt6 && rt6.from() == f6i) {
            rt6.dropFrom();
        }
    }
}
