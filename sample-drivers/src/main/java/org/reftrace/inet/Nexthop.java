package org.reftrace.inet;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.NetDevice;

/**
 * {@code struct nexthop}: a nexthop object ({@code ip nexthop add id N ...}) that routes refer to by id.
 * <b>Holds</b> its device (in its {@link FibNhCommon}, taken when made: {@code nh_create_ipv4/ipv6()}).
 * <b>Held by</b> the namespace's nexthop tree (the reference it starts with) and every route that uses it
 * ({@link FibInfo}, {@link Fib6Info}, via {@link Nexthops#nexthopGet}, which fails once the last reference is
 * gone). The last put ({@link Nexthops#nexthopPut}) frees it after a grace period ({@code nexthop_free_rcu()}):
 * its dsts are released and the device is put.
 */
public final class Nexthop extends Refcounted {
    final int id;
    final FibNhCommon nhc;
    private volatile boolean dead;

    /** {@code nexthop_create()}: refcnt 1 (the tree's, {@code nexthop_add()}), holding {@code dev}. */
    public Nexthop(int id, AddressFamily family, NetDevice dev, IpAddr gw, UncachedList uncached) {
        super(dev.kernel(), 1);
        this.id = id;
        this.nhc = new FibNhCommon(family, dev, gw, uncached);
        netdevHold(dev, nhc.devTracker); // nhi->fib_nhc.nhc_dev
    }

    @Override
    public String name() {
        return "nexthop(" + id + " dev " + nhc.dev.name() + ")";
    }

    /** {@code nh->id}. */
    public int id() {
        return id;
    }

    /** {@code nh_info->fib_nhc}. */
    public FibNhCommon nhc() {
        return nhc;
    }

    /** {@code nh->dead}: removed from the tree ({@code remove_nexthop()}). */
    public boolean isDead() {
        return dead;
    }

    public void markDead() {
        dead = true;
    }

    /** {@code nexthop_free_rcu()} → {@code nexthop_free_single()}. */
    void freeRcu() {
        nhc.releaseDsts();
        netdevPut(nhc.dev, nhc.devTracker); // fib_nh_release() / fib6_nh_release()
        markFreed();
    }
}
