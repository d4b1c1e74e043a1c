package org.reftrace.stack;

import static org.reftrace.inet.IpFib.*;
import static org.reftrace.inet.Nexthops.*;
import static org.reftrace.netdev.Dev.*;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.DstEntry;
import org.reftrace.inet.FibInfo;
import org.reftrace.inet.FibNhCommon;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.IpPrefix;
import org.reftrace.inet.Nexthop;
import org.reftrace.inet.Rtable;
import org.reftrace.inet.UncachedList;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * {@code net/ipv4/fib_frontend.c}, {@code fib_semantics.c} and the output half of {@code route.c}: each
 * namespace's IPv4 routes ({@code ip route add|del}), the prefix routes of addresses on devices that are up, and
 * the output lookup that hands out {@link Rtable}s cached on the route's nexthop. A route's {@link FibInfo} holds
 * its device, or a {@link Nexthop} object that does. When a device goes down or away its routes are flushed
 * ({@code fib_disable_ip()}): their cached dsts are pointed at {@code lo} and released; on unregistration the
 * dsts nobody caches are pointed at {@code lo} too ({@code rt_flush_dev()}).
 *
 * <p>Differs: one table per namespace (no policy routing, tos or metrics), longest-prefix match by scanning, and
 * no local or broadcast routes.
 */
public final class Fib implements NotifierModule, NexthopTable.NexthopUser {
    private final Inet inet;
    private volatile NexthopTable nexthops;
    private final UncachedList uncached = new UncachedList();
    private final Map<Net, List<FibAlias>> tables = new ConcurrentHashMap<>();
    private final InetaddrNotifier addressRoutes = this::onAddress;

    /** {@code struct fib_alias}: a table entry; {@code kernel} for a prefix route made from an address. */
    public record FibAlias(IpPrefix dst, FibInfo fi, boolean kernel) {}

    /** @param nexthops for {@code nhid} routes; may be null (then {@code nhid} is {@code -EINVAL}) */
    public Fib(Inet inet, NexthopTable nexthops) {
        this.inet = inet;
        this.nexthops = nexthops;
    }

    /** Routes may use {@code nexthops}' objects ({@code nhid}); set before {@link #init}. */
    public void useNexthops(NexthopTable table) {
        this.nexthops = table;
    }

    @Override
    public String name() {
        return "fib";
    }

    @Override
    public int init(Kernel kernel) {
        inet.registerInetaddrNotifier(addressRoutes);
        if (nexthops != null) {
            nexthops.addUser(this);
        }
        return NotifierModule.super.init(kernel);
    }

    @Override
    public void exit(Kernel kernel) {
        NotifierModule.super.exit(kernel);
        inet.unregisterInetaddrNotifier(addressRoutes);
    }

    /** {@code rt_uncached_list}. */
    public UncachedList uncached() {
        return uncached;
    }

    /** The namespace's routes, longest prefix first. */
    public List<FibAlias> routes(Net net) {
        return table(net).stream().sorted(Comparator.comparingInt((FibAlias a) -> -a.dst().len())).toList();
    }

    /**
     * {@code inet_rtm_newroute()} ({@code ip route add PREFIX [via GW] [dev DEV] | nhid N}): one netlink request,
     * under rtnl. Returns 0, {@code -EINVAL} (malformed, host bits set, or a bad {@code nhid}), {@code -ENODEV},
     * {@code -ENETDOWN} (the device is down), {@code -ENETUNREACH} (the gateway is not on the device's subnets)
     * or {@code -EEXIST}.
     */
    public int inetRtmNewroute(Net net, RouteRequest req) {
        Optional<IpPrefix> dst = IpPrefix.parse(req.prefix(), AddressFamily.INET);
        Optional<IpAddr> gw = req.via() == null ? Optional.empty() : IpAddr.parse(req.via());
        boolean badGateway = req.via() != null && (gw.isEmpty() || gw.get().family() != AddressFamily.INET);
        if (dst.isEmpty() || dst.get().family() != AddressFamily.INET || !dst.get().network().equals(dst.get())
                || badGateway || req.src() != null) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.run(net, () -> {
            if (table(net).stream().anyMatch(a -> a.dst().equals(dst.get()))) {
                return -Errno.EEXIST;
            }
            FibInfo fi;
            if (req.nhid() != 0) {
                if (req.via() != null || req.dev() != null) {
                    return -Errno.EINVAL; // "Nexthop specification and nexthop id are mutually exclusive"
                }
                Nexthop nh = nexthops == null ? null : nexthops.nexthopFindById(net, req.nhid());
                if (nh == null || nh.nhc().gw() != null && nh.nhc().gw().family() != AddressFamily.INET) {
                    return -Errno.EINVAL; // "Nexthop id does not exist"
                }
                if (!nexthopGet(nh)) {
                    return -Errno.EINVAL; // "Nexthop has been deleted"
                }
                fi = new FibInfo(dst.get(), nh);
            } else {
                NetDevice dev = req.dev() != null ? __devGetByName(net, req.dev())
                        : gw.map(g -> connectedDevice(net, g)).orElse(null);
                if (dev == null) {
                    return req.dev() == null && gw.isPresent() ? -Errno.ENETUNREACH : -Errno.ENODEV;
                }
                if (gw.isPresent() && !inet.onLink(dev, gw.get())) {
                    return -Errno.ENETUNREACH; // "Nexthop has invalid gateway"
                }
                if (!dev.isUp()) {
                    return -Errno.ENETDOWN; // "Nexthop device is not up"
                }
                fi = new FibInfo(dst.get(), dev, gw.orElse(null), uncached);
            }
            table(net).add(new FibAlias(dst.get(), fi, false));
            return 0;
        });
    }

    /**
     * {@code inet_rtm_delroute()} ({@code ip route del PREFIX [via GW] [dev DEV] [nhid N]}): removes the route
     * with that prefix (and, when given, gateway, device or nexthop id). Returns 0, {@code -EINVAL} or
     * {@code -ESRCH} (no such route).
     */
    public int inetRtmDelroute(Net net, RouteRequest req) {
        Optional<IpPrefix> dst = IpPrefix.parse(req.prefix(), AddressFamily.INET);
        if (dst.isEmpty() || dst.get().family() != AddressFamily.INET) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.run(net, () -> {
            for (FibAlias alias : table(net)) {
                FibNhCommon nhc = alias.fi().nhc();
                if (alias.dst().equals(dst.get().network())
                        && (req.dev() == null || nhc.dev().name().equals(req.dev()))
                        && (req.via() == null || nhc.gw() != null && nhc.gw().toString().equals(req.via()))
                        && (req.nhid() == 0 || alias.fi().nh() != null && alias.fi().nh().id() == req.nhid())) {
                    remove(net, alias);
                    return 0;
                }
            }
            return -Errno.ESRCH;
        });
    }

    /**
     * {@code ip_route_output_key(net, fl4)}: the route to {@code daddr} as a dst with a reference the caller must
     * release ({@code dst_release()}), or {@code null} when there is no route (the kernel's
     * {@code -ENETUNREACH}). The dst is the one cached on the route's nexthop, made and cached on first use
     * ({@code __mkroute_output()}, {@code rt_cache_route()}).
     */
    public DstEntry ipRouteOutputKey(Net net, IpAddr daddr) {
        FibInfo fi = fibLookup(net, daddr);
        if (fi == null) {
            return null;
        }
        FibNhCommon nhc = fi.nhc();
        return nhc.outputDst(() -> new Rtable(nhc.dev(), daddr), true);
    }

    /** {@code fib_lookup()}: the longest live prefix covering {@code daddr}, no reference; or {@code null}. */
    public FibInfo fibLookup(Net net, IpAddr daddr) {
        return table(net).stream().filter(a -> !a.fi().isDead() && a.dst().contains(daddr))
                .max(Comparator.comparingInt(a -> a.dst().len())).map(FibAlias::fi).orElse(null);
    }

    /** {@code fib_netdev_event()}. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        switch (event) {
            case UP -> {
                var inDev = inet.inDevGet(dev);
                if (inDev != null) {
                    inDev.addresses().stream().filter(ifa -> !ifa.isSecondary())
                            .forEach(ifa -> addPrefixRoute(dev, ifa.local()));
                }
            }
            case DOWN -> fibDisableIp(dev);
            case UNREGISTER -> {
                fibDisableIp(dev);
                uncached.flushDev(dev);
            }
            default -> { }
        }
        return 0;
    }

    /** {@code __remove_nexthop_fib()}: the routes using {@code nh} go. */
    @Override
    public void nexthopRemoved(Net net, Nexthop nh) {
        for (FibAlias alias : table(net)) {
            if (alias.fi().nh() == nh) {
                remove(net, alias);
            }
        }
    }

    /** {@code fib_inetaddr_event()}: an address's prefix route comes and goes with it. */
    private void onAddress(NetdevEvent event, NetDevice dev, IpPrefix address) {
        if (event == NetdevEvent.UP && dev.isUp()) {
            addPrefixRoute(dev, address);
        } else if (event == NetdevEvent.DOWN) {
            IpPrefix network = address.network();
            for (FibAlias alias : table(dev.net())) {
                if (alias.kernel() && alias.dst().equals(network) && alias.fi().nhc().dev() == dev) {
                    remove(dev.net(), alias);
                }
            }
        }
    }

    /** {@code fib_add_ifaddr()}'s prefix route ({@code proto kernel scope link}). */
    private void addPrefixRoute(NetDevice dev, IpPrefix address) {
        IpPrefix network = address.network();
        if (address.len() == 32 || table(dev.net()).stream().anyMatch(a -> a.dst().equals(network))) {
            return;
        }
        table(dev.net()).add(new FibAlias(network, new FibInfo(network, dev, null, uncached), true));
    }

    /** {@code fib_disable_ip()}: {@code fib_sync_down_dev()} + {@code fib_flush()} of the device's routes. */
    private void fibDisableIp(NetDevice dev) {
        for (FibAlias alias : table(dev.net())) {
            if (alias.fi().nh() == null && alias.fi().nhc().dev() == dev) {
                remove(dev.net(), alias);
            }
        }
    }

    private void remove(Net net, FibAlias alias) {
        if (table(net).remove(alias)) {
            alias.fi().markDead();
            fibInfoPut(alias.fi()); // fib_release_info(): the table's reference
        }
    }

    private NetDevice connectedDevice(Net net, IpAddr gw) {
        return table(net).stream().filter(a -> a.kernel() && a.dst().contains(gw)).map(a -> a.fi().nhc().dev())
                .findFirst().orElse(null);
    }

    private List<FibAlias> table(Net net) {
        return tables.computeIfAbsent(net, n -> new CopyOnWriteArrayList<>());
    }
}
