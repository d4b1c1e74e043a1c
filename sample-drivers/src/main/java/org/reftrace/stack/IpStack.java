package org.reftrace.stack;

import java.util.ArrayList;
import java.util.List;
import org.reftrace.drivers.Module;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.Net;

/**
 * The IP stack as one module, the way it is built into a kernel ({@code inet_init()}, {@code inet6_init()}):
 * IPv4 ({@link Inet}) and IPv6 ({@link Inet6}) device state and addresses, nexthop objects
 * ({@link NexthopTable}), IPv4 and IPv6 routes ({@link Fib}, {@link Ip6Route}) and the neighbour tables
 * ({@link NeighbourTable}), wired together and initialised in dependency order. Its rtnetlink handlers are the
 * entry points {@code ip addr}, {@code ip route}, {@code ip nexthop} and {@code ip neigh} reach; each is one
 * netlink request (takes and releases rtnl) and returns 0 or a negative errno ({@link Errno}).
 *
 * <p>Thread-safe as the modules are; init and exit are not concurrent with anything else.
 */
public final class IpStack implements Module {
    private final Inet inet;
    private final Inet6 inet6;
    private final NexthopTable nexthops;
    private final Fib fib;
    private final Ip6Route ip6Route;
    private final NeighbourTable neigh;
    private final List<Module> loaded = new ArrayList<>();

    /** The stack as it is today; pre-fix behaviours are switched on through the parts' setters. */
    public IpStack() {
        this.inet = new Inet();
        this.inet6 = new Inet6();
        this.fib = new Fib(inet, null);
        this.ip6Route = new Ip6Route(inet6, null);
        this.nexthops = new NexthopTable(inet, inet6, fib.uncached(), ip6Route.uncached());
        this.neigh = new NeighbourTable();
        fib.useNexthops(nexthops);
        ip6Route.useNexthops(nexthops);
    }

    @Override
    public String name() {
        return "ip";
    }

    /** Initialises the parts in order: device state first, then nexthops, routes and neighbours. */
    @Override
    public int init(Kernel kernel) {
        for (Module part : List.of(inet, inet6, nexthops, fib, ip6Route, neigh)) {
            int err = part.init(kernel);
            if (err != 0) {
                exit(kernel);
                return err;
            }
            loaded.add(part);
        }
        return 0;
    }

    /** Exits the parts in reverse order; every holder lets go of every device (the notifier replay). */
    @Override
    public void exit(Kernel kernel) {
        for (int i = loaded.size() - 1; i >= 0; i--) {
            loaded.get(i).exit(kernel);
        }
        loaded.clear();
    }

    public Inet inet() {
        return inet;
    }

    public Inet6 inet6() {
        return inet6;
    }

    public NexthopTable nexthops() {
        return nexthops;
    }

    public Fib fib() {
        return fib;
    }

    public Ip6Route ip6Route() {
        return ip6Route;
    }

    public NeighbourTable neigh() {
        return neigh;
    }

    /** {@code ip addr add ADDR/LEN dev DEV}, IPv4 or IPv6 by the address. */
    public int ipAddrAdd(Net net, String address, String dev) {
        return address.indexOf(':') >= 0 ? inet6.inet6RtmNewaddr(net, dev, address)
                : inet.inetRtmNewaddr(net, dev, address);
    }

    /** {@code ip addr del ADDR/LEN dev DEV}, IPv4 or IPv6 by the address. */
    public int ipAddrDel(Net net, String address, String dev) {
        return address.indexOf(':') >= 0 ? inet6.inet6RtmDeladdr(net, dev, address)
                : inet.inetRtmDeladdr(net, dev, address);
    }

    /** {@code ip [-6] route add ...}: {@code ipv6} for {@code -6} (also implied by an IPv6 prefix). */
    public int ipRouteAdd(Net net, RouteRequest req, boolean ipv6) {
        return ipv6 || isIpv6(req) ? ip6Route.inet6RtmNewroute(net, req) : fib.inetRtmNewroute(net, req);
    }

    /** {@code ip [-6] route del ...}. */
    public int ipRouteDel(Net net, RouteRequest req, boolean ipv6) {
        return ipv6 || isIpv6(req) ? ip6Route.inet6RtmDelroute(net, req) : fib.inetRtmDelroute(net, req);
    }

    private static boolean isIpv6(RouteRequest req) {
        return req.prefix() != null && req.prefix().indexOf(':') >= 0;
    }
}
