package org.reftrace.stack;

import static org.reftrace.inet.Dst.*;
import static org.reftrace.inet.Lwtunnel.*;

import org.reftrace.inet.DstEntry;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.LwtunnelState;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;

/**
 * {@code net/ipv6/ioam6_iptunnel.c}: the {@code encap ioam6} light-weight tunnel. Its output function inserts the
 * IOAM header, looks the packet's route up again and caches that dst in the tunnel state for the next packets
 * ({@code dst_cache_set_ip6()}, which takes a reference for the cache). In inline mode the destination does not
 * change, so the route found again can be the packet's own, which holds this very tunnel state.
 */
public final class Ioam6Iptunnel {

    /** Whether {@code ioam6_output()} caches a dst that belongs to its own tunnel state. */
    public enum CacheOwnDst {
        /** 92191dd10730: never: a dst whose {@code lwtstate} is this tunnel's is not cached. */
        NEVER,
        /** Before 92191dd10730: always, which makes the state and the dst hold each other. */
        ALWAYS
    }

    private final Ip6Route ip6Route;
    private volatile CacheOwnDst cacheOwnDst = CacheOwnDst.NEVER;

    public Ioam6Iptunnel(Ip6Route ip6Route) {
        this.ip6Route = ip6Route;
    }

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setCacheOwnDst(CacheOwnDst cache) {
        cacheOwnDst = cache;
    }

    /**
     * {@code ip -6 route add PREFIX encap ioam6 trace prealloc type 0x800000 ns 0 size 12 dev DEV}: builds the
     * tunnel state and adds the route with it. Returns what {@link Ip6Route#inet6RtmNewroute} returns.
     */
    public int addRoute(Net net, RouteRequest req) {
        LwtunnelState lws = lwtunnelBuildState(net.kernel(), "ioam6");
        int err = ip6Route.inet6RtmNewroute(net, req, lws);
        lwtstatePut(lws); // the route's nexthop keeps its own
        return err;
    }

    /**
     * A packet to {@code daddr} is sent: its route is looked up (the packet holds it), and if the route has the
     * encapsulation, {@code ioam6_output()} runs. Returns 0 or {@code -ENETUNREACH}.
     */
    public int send(Net net, String daddr) {
        IpAddr addr = IpAddr.of(daddr);
        DstEntry skbDst = ip6Route.ip6RouteOutput(net, addr);
        if (skbDst == null) {
            return -Errno.ENETUNREACH;
        }
        if (skbDst.lwtstate() != null) {
            ioam6Output(skbDst.lwtstate(), net, addr, skbDst);
        }
        dstRelease(skbDst); // the packet is gone: kfree_skb()
        return 0;
    }

    /** {@code ioam6_output()}: the route after encapsulation, from the tunnel's cache or looked up and cached. */
    private void ioam6Output(LwtunnelState ilwt, Net net, IpAddr daddr, DstEntry origDst) {
        DstEntry dst = ilwt.dstCacheGet();
        if (dst == null) {
            dst = ip6Route.ip6RouteOutput(net, daddr); // inline mode: the destination did not change
            if (dst == null) {
                return;
            }
            if (cacheOwnDst == CacheOwnDst.ALWAYS || origDst.lwtstate() != dst.lwtstate()) {
                dstHold(dst); // dst_cache_set_ip6(): the cache's reference
                ilwt.dstCacheStore(dst);
            }
        }
        dstRelease(dst); // dst_output() has sent the packet
    }
}
