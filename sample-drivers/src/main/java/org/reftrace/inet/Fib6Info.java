package org.reftrace.inet;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.NetDevice;

/**
 * {@code struct fib6_info}: an IPv6 route entry. <b>Holds</b> either its nexthop's device (in its
 * {@link FibNhCommon}, {@code fib6_nh_init()}) or a {@link Nexthop} object ({@code rt->nh}). <b>Held by</b> the
 * routing table (the reference it starts with), the {@link Rt6Info} copies made from it ({@code rt->from}) and
 * users of {@link Ip6Fib#fib6InfoHold}. The last put ({@link Ip6Fib#fib6InfoRelease}) frees it after a grace
 * period ({@code fib6_info_destroy_rcu()}): its dsts are released and the device or the nexthop is put.
 */
public final class Fib6Info extends Refcounted {
    final IpPrefix dst;
    final IpPrefix src;
    private volatile FibNhCommon nhc;
    private volatile Nexthop nh;
    private volatile boolean dead;

    /** {@code fib6_info_alloc()}: refcnt 1 (the caller's, then the table's); no nexthop yet. */
    public Fib6Info(org.reftrace.netdev.Kernel kernel, IpPrefix dst, IpPrefix src) {
        super(kernel, 1);
        this.dst = dst;
        this.src = src;
    }

    @Override
    public String name() {
        Nexthop object = nh;
        FibNhCommon own = nhc;
        return "fib6_info(" + dst + (object != null ? " nhid " + object.id() : own != null ? " dev " + own.dev.name()
                : "") + ")";
    }

    /** {@code rt->fib6_dst}. */
    public IpPrefix dst() {
        return dst;
    }

    /** {@code rt->fib6_src}: a source prefix (policy by source address), or {@code null}. */
    public IpPrefix src() {
        return src;
    }

    /** The nexthop it sends through: its own {@code fib6_nh}, or its nexthop object's. */
    public FibNhCommon nhc() {
        Nexthop object = nh;
        return object != null ? object.nhc : nhc;
    }

    /** {@code rt->nh}, or {@code null}. */
    public Nexthop nh() {
        return nh;
    }

    /**
     * {@code fib6_nh_init()}: the entry's own nexthop through {@code dev}, holding it.
     *
     * @param uncached where the nexthop's replaced dsts go
     */
    public void fib6NhInit(NetDevice dev, IpAddr gw, UncachedList uncached) {
        fib6NhInit(dev, gw, uncached, null);
    }

    /** {@code fib6_nh_init()} with an encapsulation ({@code encap ...}): the nexthop also holds {@code lws}. */
    public void fib6NhInit(NetDevice dev, IpAddr gw, UncachedList uncached, LwtunnelState lws) {
        FibNhCommon own = new FibNhCommon(AddressFamily.INET6, dev, gw, uncached);
        netdevHold(dev, own.devTracker); // fib6_nh->fib_nh_dev
        own.lwtstate = Lwtunnel.lwtstateGet(lws); // fib_nh_common_init(): nhc->nhc_lwtstate
        nhc = own;
    }

    /** {@code rt->nh = nh}: the caller already took the nexthop reference ({@code nexthop_get()}). */
    public void setNexthop(Nexthop object) {
        nh = object;
    }

    /** Whether the entry was unlinked from its table ({@code fib6_del()}). */
    public boolean isDead() {
        return dead;
    }

    public void markDead() {
        dead = true;
        FibNhCommon current = nhc();
        if (current != null) {
            current.purgeRoute(this);
        }
    }

    /** {@code fib6_info_destroy_rcu()}. */
    void destroyRcu() {
        Nexthop object = nh;
        FibNhCommon own = nhc;
        if (object != null) {
            nh = null;
            Nexthops.nexthopPut(object);
        } else if (own != null) {
            own.releaseDsts();
            netdevPut(own.dev, own.devTracker); // fib6_nh_release()
            LwtunnelState lws = own.lwtstate;
            own.lwtstate = null;
            Lwtunnel.lwtstatePut(lws);
        }
        markFreed();
    }
}
