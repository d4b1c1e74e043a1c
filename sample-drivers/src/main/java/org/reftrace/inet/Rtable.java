package org.reftrace.inet;

import org.reftrace.netdev.NetDevice;

/**
 * {@code struct rtable}: an IPv4 {@link DstEntry}. Cached on its nexthop ({@link FibNhCommon}), or on the
 * uncached list ({@link UncachedList}) that {@code rt_flush_dev()} walks when a device goes away. Holds and is
 * held as every dst is.
 */
public final class Rtable extends DstEntry {

    /** {@code rt_dst_alloc(dev, ...)}: refcnt 1, the caller's. */
    public Rtable(NetDevice dev, IpAddr daddr) {
        super(dev, daddr);
    }
}
