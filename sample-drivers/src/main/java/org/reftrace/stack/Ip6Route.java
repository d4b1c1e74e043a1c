package org.reftrace.stack;

import static org.reftrace.inet.Ip6Fib.*;
import static org.reftrace.inet.Nexthops.*;
import static org.reftrace.inet.Sk.*;
import static org.reftrace.netdev.Dev.*;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.Dst;
import org.reftrace.inet.DstEntry;
import org.reftrace.inet.Fib6Info;
import org.reftrace.inet.FibNhCommon;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.IpPrefix;
import org.reftrace.inet.LwtunnelState;
import org.reftrace.inet.Nexthop;
import org.reftrace.inet.Rt6Info;
import org.reftrace.inet.Sock;
import org.reftrace.inet.UncachedList;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * {@code net/ipv6/route.c} and {@code ip6_fib.c}: each namespace's IPv6 routes ({@code ip -6 route add|del},
 * and the prefix routes of addresses), the lookups that hand out {@link Rt6Info}s cached on the route's nexthop,
 * the per-destination exceptions learned from ICMPv6 (a smaller path MTU), and the uncached list that
 * {@code rt6_uncached_list_flush_dev()} points at {@code lo} when a device goes away. A route's {@link Fib6Info}
 * holds its device, or a {@link Nexthop} object that does. On unregistration the device's routes are deleted
 * ({@code rt6_disable_ip()}).
 *
 * <p>Differs: one table per namespace, longest-prefix match by scanning (a source prefix, when a route has one,
 * must also match), and a route's nexthop caches one dst, not one per CPU. The pre-fix behaviour of a historical
 * bug can be switched on ({@link NexthopRef}).
 */
public final class Ip6Route implements NotifierModule, NexthopTable.NexthopUser {
    /** {@code RT6_LOOKUP_F_DST_NOREF}: the caller does not want a reference (it stays under RCU). */
    public static final int RT6_LOOKUP_F_DST_NOREF = 0x80;

    /** Where {@code ip6_route_info_create()} takes its reference on a route's nexthop object. */
    public enum NexthopRef {
        /** 706ec9191646: after every check that can fail before {@code rt->nh} is set. */
        AFTER_CHECKS,
        /** Before 706ec9191646: before the source-routing check, whose error path then leaks it. */
        BEFORE_SOURCE_CHECK
    }

    /** What {@code ip6_negative_advice()} does to an expired exception's reference from the socket. */
    public enum NegativeAdvice {
        /** 3301ab7d5aeb: resets the socket's dst, whose reference is released. */
        RESET,
        /**
         * Before 3301ab7d5aeb (since 54c1a859efd9): {@code dst_hold()} "to counteract the dst_release() in
         * sk_dst_reset()" first: a reference nobody ever drops once the exception is purged.
         */
        HOLD_THEN_RESET
    }

    /** One route. */
    public record Fib6Alias(IpPrefix dst, Fib6Info f6i, boolean kernel) {}

    private final Inet6 inet6;
    private volatile NexthopTable nexthops;
    private volatile NexthopRef nexthopRef = NexthopRef.AFTER_CHECKS;
    private volatile NegativeAdvice negativeAdvice = NegativeAdvice.RESET;
    private final UncachedList uncached = new UncachedList();
    private final Map<Net, List<Fib6Alias>> tables = new ConcurrentHashMap<>();
    private final InetaddrNotifier addressRoutes = this::onAddress;

    /** @param nexthops for {@code nhid} routes; may be null and set later ({@link #useNexthops}) */
    public Ip6Route(Inet6 inet6, NexthopTable nexthops) {
        this.inet6 = inet6;
        this.nexthops = nexthops;
    }

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setNexthopRef(NexthopRef ref) {
        nexthopRef = ref;
    }

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setNegativeAdvice(NegativeAdvice advice) {
        negativeAdvice = advice;
    }

    /** Routes may use {@code nexthops}' objects ({@code nhid}); set before {@link #init}. */
    public void useNexthops(NexthopTable table) {
        this.nexthops = table;
    }

    @Override
    public String name() {
        return "ip6_route";
    }

    @Override
    public int init(Kernel kernel) {
        inet6.registerInet6addrNotifier(addressRoutes);
        if (nexthops != null) {
            nexthops.addUser(this);
        }
        return NotifierModule.super.init(kernel);
    }

    @Override
    public void exit(Kernel kernel) {
        NotifierModule.super.exit(kernel);
        inet6.unregisterInet6addrNotifier(addressRoutes);
    }

    /** {@code rt6_uncached_list}. */
    public UncachedList uncached() {
        return uncached;
    }

    /** The namespace's routes, longest prefix first. */
    public List<Fib6Alias> routes(Net net) {
        return table(net).stream().sorted(Comparator.comparingInt((Fib6Alias a) -> -a.dst().len())).toList();
    }

    /**
     * {@code inet6_rtm_newroute()} ({@code ip -6 route add PREFIX [from SRC] [via GW] [dev DEV] | nhid N}): one
     * netlink request, under rtnl. Returns 0, {@code -EINVAL} (malformed; a bad {@code nhid}; {@code nhid} with
     * a source prefix: "Nexthops can not be used with source routing"), {@code -ENODEV}, {@code -ENETDOWN} or
     * {@code -EEXIST}.
     */
    public int inet6RtmNewroute(Net net, RouteRequest req) {
        return inet6RtmNewroute(net, req, null);
    }

    /**
     * {@code inet6_rtm_newroute()} with an encapsulation ({@code ip -6 route add ... encap TYPE ...}): as
     * {@link #inet6RtmNewroute(Net, RouteRequest)}, the route's own nexthop also holding {@code encap} (not with
     * {@code nhid}: {@code -EINVAL}). The caller keeps its own reference on {@code encap}.
     */
    public int inet6RtmNewroute(Net net, RouteRequest req, LwtunnelState encap) {
        Optional<IpPrefix> dst = IpPrefix.parse(req.prefix(), AddressFamily.INET6);
        Optional<IpPrefix> src = req.src() == null ? Optional.empty() : IpPrefix.parse(req.src(), AddressFamily.INET6);
        Optional<IpAddr> gw = req.via() == null ? Optional.empty() : IpAddr.parse(req.via());
        if (dst.isEmpty() || dst.get().family() != AddressFamily.INET6
                || req.src() != null && (src.isEmpty() || src.get().family() != AddressFamily.INET6)
                || req.via() != null && (gw.isEmpty() || gw.get().family() != AddressFamily.INET6)) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.run(net, () -> {
            IpPrefix network = dst.get().network();
            if (table(net).stream().anyMatch(a -> a.dst().equals(network)
                    && java.util.Objects.equals(a.f6i().src(), src.map(IpPrefix::network).orElse(null)))) {
                return -Errno.EEXIST;
            }
            Fib6Info rt = new Fib6Info(net.kernel(), network, src.map(IpPrefix::network).orElse(null));
            int err = encap != null && req.nhid() != 0 ? -Errno.EINVAL
                    : ip6RouteInfoCreate(net, req, gw.orElse(null), rt, encap);
            if (err == 0) {
                fib6InfoHold(rt); // fib6_add(): the table's reference
                table(net).add(new Fib6Alias(network, rt, false));
            }
            fib6InfoRelease(rt); // ip6_route_add(): the creator's
            return err;
        });
    }

    /**
     * {@code ip6_route_info_create()}'s nexthop part: a nexthop object ({@code nhid}, its reference taken with
     * {@code nexthop_get()}) or the entry's own nexthop through a device. On error the caller releases
     * {@code rt}, which puts only what {@code rt} already holds.
     */
    private int ip6RouteInfoCreate(Net net, RouteRequest req, IpAddr gw, Fib6Info rt, LwtunnelState encap) {
        if (req.nhid() != 0) {
            if (req.via() != null || req.dev() != null) {
                return -Errno.EINVAL;
            }
            Nexthop nh = nexthops == null ? null : nexthops.nexthopFindById(net, req.nhid());
            if (nh == null || nh.nhc().gw() != null && nh.nhc().gw().family() != AddressFamily.INET6) {
                return -Errno.EINVAL; // "Nexthop id does not exist"
            }
            if (nexthopRef == NexthopRef.BEFORE_SOURCE_CHECK && !nexthopGet(nh)) {
                return -Errno.EINVAL; // "Nexthop has been deleted"
            }
            if (rt.src() != null && rt.src().len() > 0) {
                return -Errno.EINVAL; // "Nexthops can not be used with source routing"
            }
            if (nexthopRef == NexthopRef.AFTER_CHECKS && !nexthopGet(nh)) {
                return -Errno.EINVAL; // "Nexthop has been deleted"
            }
            rt.setNexthop(nh);
            return 0;
        }
        NetDevice dev = req.dev() != null ? __devGetByName(net, req.dev())
                : gw == null ? null : connectedDevice(net, gw);
        if (dev == null) {
            return -Errno.ENODEV;
        }
        if (!dev.isUp()) {
            return -Errno.ENETDOWN; // fib6_nh_init(): "Nexthop device is not up"
        }
        if (gw != null && !inet6.onLink(dev, gw)) {
            return -Errno.EINVAL; // ip6_validate_gw(): "Nexthop has invalid gateway"
        }
        rt.fib6NhInit(dev, gw, uncached, encap);
        return 0;
    }

    /**
     * {@code inet6_rtm_delroute()} ({@code ip -6 route del PREFIX [from SRC] [via GW] [dev DEV] [nhid N]}): returns
     * 0, {@code -EINVAL} or {@code -ESRCH}.
     */
    public int inet6RtmDelroute(Net net, RouteRequest req) {
        Optional<IpPrefix> dst = IpPrefix.parse(req.prefix(), AddressFamily.INET6);
        if (dst.isEmpty() || dst.get().family() != AddressFamily.INET6) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.run(net, () -> {
            for (Fib6Alias alias : table(net)) {
                if (alias.dst().equals(dst.get().network()) && matches(alias.f6i(), req)) {
                    fib6Del(net, alias);
                    return 0;
                }
            }
            return -Errno.ESRCH;
        });
    }

    /** Whether the entry has the request's source prefix, device, gateway and nexthop id, where it gives them. */
    private static boolean matches(Fib6Info f6i, RouteRequest req) {
        FibNhCommon nhc = f6i.nhc();
        String src = req.src() == null ? null
                : IpPrefix.parse(req.src(), AddressFamily.INET6).map(p -> p.network().toString()).orElse("");
        return (src == null || src.equals(String.valueOf(f6i.src())))
                && (req.dev() == null || nhc != null && nhc.dev().name().equals(req.dev()))
                && (req.via() == null || nhc != null && nhc.gw() != null && nhc.gw().toString().equals(req.via()))
                && (req.nhid() == 0 || f6i.nh() != null && f6i.nh().id() == req.nhid());
    }

    /** {@code fib6_lookup()}: the longest live prefix covering {@code daddr} (and {@code saddr}), no reference. */
    public Fib6Info fib6Lookup(Net net, IpAddr daddr, IpAddr saddr) {
        return table(net).stream().filter(a -> !a.f6i().isDead() && a.dst().contains(daddr)
                && (a.f6i().src() == null || saddr != null && a.f6i().src().contains(saddr)))
                .max(Comparator.comparingInt((Fib6Alias a) -> a.dst().len())
                        .thenComparingInt(a -> a.f6i().src() == null ? 0 : 1))
                .map(Fib6Alias::f6i).orElse(null);
    }

    /**
     * {@code ip6_route_output(net, sk, fl6)} / {@code ip6_pol_route()}: the route to {@code daddr} as a dst with a
     * reference the caller must release, or {@code null} when there is none (the kernel's
     * {@code ip6_null_entry}). An exception for {@code daddr} wins over the nexthop's cached dst, which is made
     * and cached on first use.
     */
    public Rt6Info ip6RouteOutput(Net net, IpAddr daddr) {
        return ip6PolRoute(net, daddr, true);
    }

    /**
     * {@code ip6_pol_route_lookup(net, table, fl6, skb, flags)} without {@code RT6_LOOKUP_F_DST_NOREF}: as
     * {@link #ip6RouteOutput}, a reference the caller must release. Differs: the kernel passes the flag to one
     * function; the model has a function for each, so that whether a reference is taken shows in the call.
     */
    public Rt6Info ip6PolRouteLookup(Net net, IpAddr daddr) {
        return ip6PolRoute(net, daddr, true);
    }

    /**
     * {@code ip6_pol_route_lookup(..., flags | RT6_LOOKUP_F_DST_NOREF)}: the route's dst with no reference, valid
     * only while the caller stays in its RCU read section; or {@code null}.
     */
    public Rt6Info ip6PolRouteLookupNoref(Net net, IpAddr daddr) {
        return ip6PolRoute(net, daddr, false);
    }

    private Rt6Info ip6PolRoute(Net net, IpAddr daddr, boolean ref) {
        Fib6Info f6i = fib6Lookup(net, daddr, null);
        if (f6i == null) {
            return null;
        }
        FibNhCommon nhc = f6i.nhc();
        Rt6Info exception = nhc.exception(daddr, ref);
        if (exception != null) {
            return exception;
        }
        return (Rt6Info) nhc.outputDst(() -> {
            Rt6Info pcpu = new Rt6Info(nhc.dev(), daddr, false); // ip6_rt_pcpu_alloc()
            pcpu.setFromRoute(f6i);
            pcpu.setLwtstate(nhc.lwtstate()); // ip6_rt_copy_init(): rt->dst.lwtstate
            return pcpu;
        }, ref);
    }

    /**
     * {@code __ip6_rt_update_pmtu()} (an ICMPv6 "packet too big" for {@code daddr}): learns an exception for the
     * destination ({@code rt6_insert_exception()}), which the exception table holds. Returns it, no reference;
     * or {@code null} without a route.
     */
    public Rt6Info rt6UpdatePmtu(Net net, IpAddr daddr) {
        Fib6Info f6i = fib6Lookup(net, daddr, null);
        if (f6i == null) {
            return null;
        }
        Rt6Info nrt = new Rt6Info(f6i.nhc().dev(), daddr, true); // ip6_rt_cache_alloc()
        f6i.nhc().insertException(nrt, f6i);
        return nrt;
    }

    /**
     * {@code ip6_negative_advice(sk, dst)} (TCP retransmits time out: the socket's route may be stale): an expired
     * exception is purged from the table and from the socket; any other route is just reset in the socket.
     */
    public void ip6NegativeAdvice(Sock sk, DstEntry dst) {
        if (dst instanceof Rt6Info rt && rt.isCache()) {
            if (rt.isExpired()) {
                if (negativeAdvice == NegativeAdvice.HOLD_THEN_RESET) {
                    Dst.dstHold(dst);
                }
                skDstReset(sk);
                rt6RemoveExceptionRt(rt);
            }
            return;
        }
        skDstReset(sk);
    }

    /** {@code rt6_remove_exception_rt(rt)}. */
    public void rt6RemoveExceptionRt(Rt6Info rt) {
        Fib6Info from = rt.from();
        if (from != null) {
            from.nhc().removeExceptionRt(rt);
        }
    }

    /** {@code ip6_route_dev_notify()} / {@code rt6_disable_ip()}: a device's routes go when it goes. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.UNREGISTER) {
            for (Fib6Alias alias : table(dev.net())) {
                if (alias.f6i().nh() == null && alias.f6i().nhc() != null && alias.f6i().nhc().dev() == dev) {
                    fib6Del(dev.net(), alias);
                }
            }
            uncached.flushDev(dev); // rt6_uncached_list_flush_dev()
        }
        return 0;
    }

    /** {@code __remove_nexthop_fib()}: the routes using {@code nh} go. */
    @Override
    public void nexthopRemoved(Net net, Nexthop nh) {
        for (Fib6Alias alias : table(net)) {
            if (alias.f6i().nh() == nh) {
                fib6Del(net, alias);
            }
        }
    }

    /** {@code addrconf_prefix_route()} and its removal with the address. */
    private void onAddress(NetdevEvent event, NetDevice dev, IpPrefix address) {
        IpPrefix network = address.network();
        if (event == NetdevEvent.UP) {
            if (address.len() == 128 || table(dev.net()).stream().anyMatch(a -> a.dst().equals(network))) {
                return;
            }
            Fib6Info rt = new Fib6Info(dev.kernel(), network, null);
            rt.fib6NhInit(dev, null, uncached);
            table(dev.net()).add(new Fib6Alias(network, rt, true)); // the table keeps the reference rt starts with
        } else if (event == NetdevEvent.DOWN) {
            for (Fib6Alias alias : table(dev.net())) {
                if (alias.kernel() && alias.dst().equals(network) && alias.f6i().nhc().dev() == dev) {
                    fib6Del(dev.net(), alias);
                }
            }
        }
    }

    /** {@code fib6_del()}: unlinks the entry, its cached copies let go of it, the table's reference goes. */
    private void fib6Del(Net net, Fib6Alias alias) {
        if (table(net).remove(alias)) {
            alias.f6i().markDead();
            fib6InfoRelease(alias.f6i());
        }
    }

    private NetDevice connectedDevice(Net net, IpAddr gw) {
        return table(net).stream().filter(a -> a.kernel() && a.dst().contains(gw)).map(a -> a.f6i().nhc().dev())
                .findFirst().orElse(null);
    }

    private List<Fib6Alias> table(Net net) {
        return tables.computeIfAbsent(net, n -> new CopyOnWriteArrayList<>());
    }
}
