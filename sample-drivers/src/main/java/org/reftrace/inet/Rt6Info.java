package org.reftrace.inet;

import org.reftrace.netdev.NetDevice;

/**
 * {@code struct rt6_info}: an IPv6 {@link DstEntry}. Besides its device it <b>holds</b> the device's
 * {@link Inet6Dev} ({@code rt6i_idev}, taken when made) and, while it is a cached copy of a route entry, that
 * {@link Fib6Info} ({@code rt->from}). Destroying it ({@code ip6_dst_destroy()}) puts both; when its device goes
 * away the {@code inet6_dev} reference moves to the loopback device's ({@code ip6_dst_ifdown()}).
 */
public final class Rt6Info extends DstEntry {
    /** {@code RTF_CACHE}: a per-destination exception (e.g. a learned path MTU). */
    private final boolean cache;
    private volatile Inet6Dev idev;
    private volatile Fib6Info from;
    private volatile boolean expired;

    /** {@code ip6_dst_alloc()} + {@code ip6_rt_copy_init()}: refcnt 1, holding {@code dev} and its inet6_dev. */
    public Rt6Info(NetDevice dev, IpAddr daddr, boolean cache) {
        super(dev, daddr);
        this.cache = cache;
        this.idev = Addrconf.in6DevGet(dev); // rt->rt6i_idev
    }

    /** {@code rt->rt6i_idev}. */
    public Inet6Dev idev() {
        return idev;
    }

    /** {@code rt->rt6i_flags & RTF_CACHE}. */
    public boolean isCache() {
        return cache;
    }

    /** {@code rt->from}: the route entry this is a copy of, or {@code null}. */
    public Fib6Info from() {
        return from;
    }

    /** {@code rt6_check_expired()}: for an exception, whether its lifetime ran out. */
    public boolean isExpired() {
        return expired;
    }

    /** Model-only: the exception's lifetime runs out now (the kernel compares {@code dst.expires} to jiffies). */
    public void expire() {
        expired = true;
    }

    /** {@code rt6_set_from()}: holds {@code f6i} as the entry this is a copy of. */
    void setFrom(Fib6Info f6i) {
        if (Ip6Fib.fib6InfoHoldSafe(f6i)) {
            from = f6i;
        }
    }

    /** {@code rt6_set_from()} for a copy the IPv6 stack makes: holds {@code f6i}. */
    public void setFromRoute(Fib6Info f6i) {
        setFrom(f6i);
    }

    /** {@code xchg(&rt->from, NULL)} + {@code fib6_info_release()}. */
    void dropFrom() {
        Fib6Info f6i = from;
        from = null;
        if (f6i != null) {
            Ip6Fib.fib6InfoRelease(f6i);
        }
    }

    /** {@code ip6_dst_destroy()}: puts the inet6_dev and the route entry. */
    @Override
    protected void opsDestroy() {
        Inet6Dev old = idev;
        idev = null;
        if (old != null) {
            Addrconf.in6DevPut(old);
        }
        dropFrom();
    }

    /** {@code ip6_dst_ifdown()}: the inet6_dev reference moves to the loopback device's. */
    @Override
    protected void opsIfdown(NetDevice goingAway) {
        replaceIdevIfOn(goingAway);
    }

    /** Moves {@code rt6i_idev} to the loopback device's if it is {@code dev}'s ({@code rt6_uncached_list_flush_dev}). */
    void replaceIdevIfOn(NetDevice dev) {
        Inet6Dev old = idev;
        if (old == null || old.dev != dev || dev == dev.net().loopback()) {
            return;
        }
        idev = Addrconf.in6DevGet(dev.net().loopback());
        Addrconf.in6DevPut(old);
    }
}
