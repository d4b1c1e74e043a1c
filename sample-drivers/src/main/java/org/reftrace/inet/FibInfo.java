package org.reftrace.inet;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.NetDevice;

/**
 * {@code struct fib_info}: what an IPv4 route does, shared by the table entries that use it. <b>Holds</b> either
 * its nexthop's device (in its {@link FibNhCommon}, taken when made: {@code fib_check_nh()}) or a
 * {@link Nexthop} object ({@code fi->nh}, {@code nexthop_get()}). <b>Held by</b> the routing table (the reference
 * it starts with) and users of {@link IpFib#fibInfoHold}. The last put ({@link IpFib#fibInfoPut}) frees it after
 * a grace period ({@code free_fib_info_rcu()}): the cached dsts are released and the device or the nexthop
 * object is put. Differs: the kernel counts table users ({@code fib_treeref}) and other users
 * ({@code fib_clntref}) apart; the model has one count.
 */
public final class FibInfo extends Refcounted {
    final IpPrefix dst;
    final FibNhCommon nhc;
    private volatile Nexthop nh;
    private volatile boolean dead;

    /** {@code fib_create_info()} with a device nexthop: refcnt 1 (the table's), holding {@code dev}. */
    public FibInfo(IpPrefix dst, NetDevice dev, IpAddr gw, UncachedList uncached) {
        super(dev.kernel(), 1);
        this.dst = dst;
        this.nhc = new FibNhCommon(AddressFamily.INET, dev, gw, uncached);
        netdevHold(dev, nhc.devTracker); // fib_check_nh(): nhc->nhc_dev
    }

    /** {@code fib_create_info()} with {@code nhid}: the caller already took the nexthop reference. */
    public FibInfo(IpPrefix dst, Nexthop nh) {
        super(nh.kernel(), 1);
        this.dst = dst;
        this.nhc = null;
        this.nh = nh;
    }

    @Override
    public String name() {
        return "fib_info(" + dst + (nh != null ? " nhid " + nh.id() : " dev " + nhc.dev.name()) + ")";
    }

    /** The route's destination (of the table entry that made it). */
    public IpPrefix dst() {
        return dst;
    }

    /** The nexthop the route sends through: its own, or its nexthop object's. */
    public FibNhCommon nhc() {
        Nexthop object = nh;
        return object != null ? object.nhc : nhc;
    }

    /** {@code fi->nh}, or {@code null}. */
    public Nexthop nh() {
        return nh;
    }

    /** {@code RTNH_F_DEAD}: the route's device or nexthop went away. */
    public boolean isDead() {
        return dead;
    }

    public void markDead() {
        dead = true;
    }

    /** {@code free_fib_info()}: frees from an RCU callback. */
    void free() {
        kernel().rcu().callRcu(this::freeRcu);
    }

    /** {@code free_fib_info_rcu()}. */
    private void freeRcu() {
        Nexthop object = nh;
        if (object != null) {
            nh = null;
            Nexthops.nexthopPut(object);
        } else {
            nhc.releaseDsts();
            netdevPut(nhc.dev, nhc.devTracker); // fib_nh_common_release()
        }
        markFreed();
    }
}
