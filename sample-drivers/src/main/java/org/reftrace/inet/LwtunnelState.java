package org.reftrace.inet;

import org.reftrace.netdev.Kernel;

/**
 * {@code struct lwtunnel_state}: a route's light-weight tunnel encapsulation (here {@code encap ioam6}), with the
 * tunnel's own route cache ({@code ilwt->cache}, a {@code struct dst_cache}). <b>Held by</b> the route's nexthop
 * (the reference it is made with) and by every dst made from that route ({@code dst->lwtstate}). <b>Holds</b> the
 * dst it caches for the packets it has encapsulated. The last put ({@link Lwtunnel#lwtstatePut}) frees it after a
 * grace period, releasing the cached dst ({@code dst_cache_destroy()}). A dst that caches itself in its own
 * tunnel state closes a cycle: neither is ever freed.
 */
public final class LwtunnelState extends Refcounted {
    private final String type;
    private volatile DstEntry cached;

    /** {@code lwtunnel_build_state()}: refcnt 1, the caller's. */
    LwtunnelState(Kernel kernel, String type) {
        super(kernel, 1);
        this.type = type;
    }

    @Override
    public String name() {
        return "lwtunnel_state(" + type + ")";
    }

    /** {@code dst_cache_get()}: the cached dst with a reference for the caller, or {@code null}. */
    public DstEntry dstCacheGet() {
        DstEntry dst = cached;
        return dst != null && dst.incNotZero("dst_cache_get") ? dst : null;
    }

    /**
     * The store half of {@code dst_cache_set_ip6()}: the cache now keeps {@code dst}, whose reference the caller
     * took for it (on behalf of this state); the dst it replaces is released.
     */
    public void dstCacheStore(DstEntry dst) {
        DstEntry old;
        synchronized (this) {
            old = cached;
            cached = dst;
        }
        Dst.dstRelease(old);
    }

    /** {@code lwtstate_free()} → {@code ioam6_destroy_state()} → {@code dst_cache_destroy()}. */
    void free() {
        DstEntry dst = cached;
        cached = null;
        Dst.dstRelease(dst);
        kernel().rcu().callRcu(this::markFreed); // kfree_rcu()
    }
}
