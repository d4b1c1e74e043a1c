package org.reftrace.stack;

import static org.reftrace.inet.Nexthops.*;
import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.Nexthop;
import org.reftrace.inet.UncachedList;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * {@code net/ipv4/nexthop.c}: each namespace's nexthop objects ({@code ip nexthop add id N ...}), kept in the
 * namespace's tree, which holds one reference on each. Removing a nexthop ({@code ip nexthop del}, or its device
 * going down or away: {@code nexthop_flush_dev()}) first makes the routes that use it go
 * ({@link NexthopUser}), then drops the tree's reference.
 *
 * <p>Gateways are checked against the device's connected subnets (its addresses), as {@code fib_check_nh()}
 * checks them against the connected routes.
 */
public final class NexthopTable implements NotifierModule {

    /** A routing module whose routes can use nexthop objects: told when one is removed. Under rtnl. */
    @FunctionalInterface
    public interface NexthopUser {
        /** {@code __remove_nexthop_fib()}: every route using {@code nh} must go now. */
        void nexthopRemoved(Net net, Nexthop nh);
    }

    private final Inet inet;
    private final Inet6 inet6;
    private final Map<Net, Map<Integer, Nexthop>> trees = new ConcurrentHashMap<>();
    private final List<NexthopUser> users = new CopyOnWriteArrayList<>();
    private final UncachedList uncached4;
    private final UncachedList uncached6;

    /**
     * @param inet      for IPv4 gateway checks (may be null: any IPv4 gateway is accepted)
     * @param inet6     for IPv6 gateway checks (may be null)
     * @param uncached4 where the IPv4 dsts that nexthops stop caching go ({@link Fib#uncached()})
     * @param uncached6 the same for IPv6 ({@link Ip6Route#uncached()})
     */
    public NexthopTable(Inet inet, Inet6 inet6, UncachedList uncached4, UncachedList uncached6) {
        this.inet = inet;
        this.inet6 = inet6;
        this.uncached4 = uncached4;
        this.uncached6 = uncached6;
    }

    @Override
    public String name() {
        return "nexthop";
    }

    /** Adds a routing module that must hear of removed nexthops. */
    public void addUser(NexthopUser user) {
        users.add(user);
    }

    /** {@code nexthop_find_by_id(net, id)}: no reference taken; under rtnl. */
    public Nexthop nexthopFindById(Net net, int id) {
        return tree(net).get(id);
    }

    /** The namespace's nexthops, by id. */
    public List<Nexthop> nexthops(Net net) {
        return tree(net).values().stream().sorted(java.util.Comparator.comparingInt(Nexthop::id)).toList();
    }

    /**
     * {@code rtm_new_nexthop()} ({@code ip nexthop add id N [via GW] dev DEV}): one netlink request, under rtnl.
     * Returns 0, {@code -EINVAL} (bad id or gateway), {@code -EEXIST} (the id is taken), {@code -ENODEV},
     * {@code -ENETDOWN} (the device is down) or {@code -ENETUNREACH} (the gateway is not on the device's subnets).
     */
    public int rtmNewNexthop(Net net, NexthopRequest req) {
        if (req.id() <= 0 || req.dev() == null) {
            return -Errno.EINVAL;
        }
        Optional<IpAddr> gw = req.via() == null ? Optional.empty() : IpAddr.parse(req.via());
        if (req.via() != null && gw.isEmpty()) {
            return -Errno.EINVAL;
        }
        AddressFamily family = gw.map(IpAddr::family).orElse(req.ipv6() ? AddressFamily.INET6 : AddressFamily.INET);
        return RtnlRequest.run(net, () -> {
            if (tree(net).containsKey(req.id())) {
                return -Errno.EEXIST;
            }
            NetDevice dev = __devGetByName(net, req.dev());
            if (dev == null) {
                return -Errno.ENODEV;
            }
            if (!dev.isUp()) {
                return -Errno.ENETDOWN; // "Nexthop device is not up"
            }
            if (gw.isPresent() && !onLink(family, dev, gw.get())) {
                return -Errno.ENETUNREACH; // "Nexthop has invalid gateway"
            }
            Nexthop nh = new Nexthop(req.id(), family, dev, gw.orElse(null),
                    family == AddressFamily.INET ? uncached4 : uncached6);
            tree(net).put(req.id(), nh); // nexthop_add(): the tree keeps the reference nh starts with
            return 0;
        });
    }

    /** {@code rtm_del_nexthop()} ({@code ip nexthop del id N}): returns 0 or {@code -ENOENT}. */
    public int rtmDelNexthop(Net net, int id) {
        return RtnlRequest.run(net, () -> {
            Nexthop nh = tree(net).get(id);
            if (nh == null) {
                return -Errno.ENOENT;
            }
            removeNexthop(net, nh);
            return 0;
        });
    }

    /** {@code nh_netdev_event()}: {@code nexthop_flush_dev()} on NETDEV_DOWN and NETDEV_UNREGISTER. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.DOWN || event == NetdevEvent.UNREGISTER) {
            for (Nexthop nh : List.copyOf(tree(dev.net()).values())) {
                if (nh.nhc().dev() == dev) {
                    removeNexthop(dev.net(), nh);
                }
            }
        }
        return 0;
    }

    /** {@code remove_nexthop()}: the routes using it go, then the tree's reference. */
    private void removeNexthop(Net net, Nexthop nh) {
        if (!tree(net).remove(nh.id(), nh)) {
            return;
        }
        nh.markDead();
        for (NexthopUser user : users) {
            user.nexthopRemoved(net, nh);
        }
        nexthopPut(nh);
    }

    private boolean onLink(AddressFamily family, NetDevice dev, IpAddr gw) {
        if (family == AddressFamily.INET) {
            return inet == null || inet.onLink(dev, gw);
        }
        return inet6 == null || inet6.onLink(dev, gw);
    }

    private Map<Integer, Nexthop> tree(Net net) {
        return trees.computeIfAbsent(net, n -> new ConcurrentHashMap<>());
    }
}
