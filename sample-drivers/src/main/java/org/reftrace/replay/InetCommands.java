package org.reftrace.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.reftrace.inet.Addrconf;
import org.reftrace.inet.FibNhCommon;
import org.reftrace.inet.InDevice;
import org.reftrace.inet.InIfaddr;
import org.reftrace.inet.Inet6Dev;
import org.reftrace.inet.Inet6Ifaddr;
import org.reftrace.inet.Inetdevice;
import org.reftrace.inet.Neighbour;
import org.reftrace.inet.Nexthop;
import org.reftrace.netdev.ExtAck;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.stack.Fib;
import org.reftrace.stack.Ip6Route;
import org.reftrace.stack.IpStack;
import org.reftrace.stack.NexthopRequest;
import org.reftrace.stack.RouteRequest;

/**
 * {@code ip address}, {@code ip route}, {@code ip nexthop} and {@code ip neighbour}: the IP stack's refcounted
 * objects (in_device and inet6_dev, addresses, fib_info, dst, nexthop, neighbour) through the model's rtnetlink
 * entry points ({@link IpStack}: {@code inet_rtm_newaddr}, {@code inet6_rtm_newaddr}, {@code inet_rtm_newroute},
 * {@code inet6_rtm_newroute}, {@code rtm_new_nexthop}, {@code neigh_add} and their deletes). The stack is built
 * in, as IPv4 and IPv6 are in a kernel: it is loaded when the replay starts.
 *
 * <p>Options that change nothing the model keeps (address lifetimes, labels, scopes, metrics, protocols, route
 * preferences) are accepted; multipath routes, nexthop groups, tables other than main, route types other than
 * unicast and lightweight tunnels are not supported.
 */
final class InetCommands {
    /** {@code ip address add} options with a value that change nothing the model keeps. */
    private static final Set<String> ADDR_VALUED = Set.of("broadcast", "brd", "label", "scope", "valid_lft",
            "preferred_lft", "metric", "proto", "peer", "anycast");
    private static final Set<String> ADDR_FLAGS = Set.of("home", "nodad", "optimistic", "mngtmpaddr",
            "noprefixroute", "autojoin", "dadfailed", "tentative", "deprecated", "permanent");
    private static final Set<String> ROUTE_VALUED = Set.of("metric", "preference", "proto", "protocol", "scope",
            "src", "mtu", "advmss", "realm", "expires", "pref", "initcwnd", "initrwnd", "hoplimit", "rtt", "rttvar",
            "window", "quickack", "congctl", "features", "tos", "dsfield", "fastopen_no_cookie");

    private final IpStack stack = new IpStack();

    /** {@code inet_init()}/{@code inet6_init()}: the stack joins the kernel as it boots. */
    int init(Kernel kernel) {
        return stack.init(kernel);
    }

    IpStack stack() {
        return stack;
    }

    int run(IpCommand ip, String object, List<String> args) {
        String verb = args.isEmpty() ? "show" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        ExtAck.clear();
        return switch (object) {
            case "address" -> address(ip, verb, rest);
            case "route" -> route(ip, verb, rest);
            case "nexthop" -> nexthop(ip, verb, rest);
            case "neighbor", "neighbour" -> neigh(ip, verb, rest);
            default -> throw new ReplayUnsupported("ip " + object, "'ip " + object + "' is not modelled (supported: "
                    + "ip address, ip route, ip nexthop, ip neighbour)");
        };
    }

    // ---- ip address ----

    private int address(IpCommand ip, String verb, List<String> args) {
        if (IpCommand.matches(verb, "add") || IpCommand.matches(verb, "replace") || IpCommand.matches(verb, "change")
                || verb.equals("chg")) {
            String[] a = addressArgs(args);
            int err = stack.ipAddrAdd(ip.net(), a[0], a[1]);
            if (err == -org.reftrace.netdev.Errno.EEXIST && !IpCommand.matches(verb, "add")) {
                err = 0; // replace and change of an existing address
            }
            return ip.answer(err);
        }
        if (IpCommand.matches(verb, "delete")) {
            String[] a = addressArgs(args);
            return ip.answer(stack.ipAddrDel(ip.net(), a[0], a[1]));
        }
        if (IpCommand.matches(verb, "flush")) {
            return flushAddresses(ip, args);
        }
        if (IpCommand.matches(verb, "show") || IpCommand.matches(verb, "list") || IpCommand.matches(verb, "lst")) {
            return showAddresses(ip, args);
        }
        throw new ReplayUnsupported(verb, "'ip address " + verb + "' is not supported (supported: add, change, "
                + "replace, delete, flush, show)");
    }

    /** {@code [dev IFNAME] [local] PREFIX ...}: the prefix (with its default length) and the device. */
    private static String[] addressArgs(List<String> args) {
        String prefix = null;
        String dev = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("dev")) {
                dev = IpCommand.arg(args, ++i);
            } else if (w.equals("local")) {
                prefix = IpCommand.arg(args, ++i);
            } else if (ADDR_VALUED.contains(w)) {
                IpCommand.arg(args, ++i);
            } else if (ADDR_FLAGS.contains(w)) {
                continue;
            } else if (prefix == null && (w.contains(".") || w.contains(":"))) {
                prefix = w;
            } else {
                throw new ReplayUnsupported(w, "unknown option '" + w + "' for ip address (supported: dev, local, "
                        + "and the options " + String.join(", ", ADDR_VALUED.stream().sorted().toList()) + " and "
                        + String.join(", ", ADDR_FLAGS.stream().sorted().toList()) + ", which change nothing modelled)");
            }
        }
        if (dev == null) {
            throw new IprouteError("Not enough information: \"dev\" argument is required.", 255);
        }
        if (prefix == null) {
            throw new IprouteError("Not enough information: \"local\" argument is required.", 255);
        }
        if (!prefix.contains("/")) {
            prefix += prefix.contains(":") ? "/128" : "/32";
        }
        return new String[] {prefix, dev};
    }

    private int flushAddresses(IpCommand ip, List<String> args) {
        String dev = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("dev")) {
                dev = IpCommand.arg(args, ++i);
            } else if (args.get(i).equals("scope") || args.get(i).equals("label") || args.get(i).equals("to")) {
                i++;
            } else if (dev == null) {
                dev = args.get(i);
            }
        }
        Net net = ip.net();
        for (NetDevice d : devices(ip, dev)) {
            for (String address : addresses(d, ip.family)) {
                stack.ipAddrDel(net, address, d.name());
            }
        }
        return 0;
    }

    private List<NetDevice> devices(IpCommand ip, String dev) {
        Net net = ip.net();
        if (dev == null) {
            return net.devices();
        }
        NetDevice d = ip.replayer.find(net, dev);
        if (d == null) {
            throw new IprouteError("Device \"" + dev + "\" does not exist.", 1);
        }
        return List.of(d);
    }

    /** Whether {@code address} is one of the device's own (IPv4 or IPv6). */
    static boolean hasAddress(NetDevice dev, org.reftrace.inet.IpAddr address) {
        InDevice in = Inetdevice.__inDevGetRcu(dev);
        if (in != null && in.addresses().stream().anyMatch(ifa -> ifa.local().addr().equals(address))) {
            return true;
        }
        Inet6Dev in6 = Addrconf.__in6DevGet(dev);
        return in6 != null && in6.addresses().stream().anyMatch(ifa -> ifa.addr().addr().equals(address));
    }

    /** The device's addresses of {@code family} (4, 6, or 0 for both), as {@code ADDR/LEN}. */
    private static List<String> addresses(NetDevice dev, int family) {
        List<String> out = new ArrayList<>();
        if (family != 6) {
            InDevice in = Inetdevice.__inDevGetRcu(dev);
            if (in != null) {
                in.addresses().forEach(ifa -> out.add(ifa.local().toString()));
            }
        }
        if (family != 4) {
            Inet6Dev in6 = Addrconf.__in6DevGet(dev);
            if (in6 != null) {
                in6.addresses().forEach(ifa -> out.add(ifa.addr().toString()));
            }
        }
        return out;
    }

    private int showAddresses(IpCommand ip, List<String> args) {
        String dev = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("dev")) {
                dev = IpCommand.arg(args, ++i);
            } else if (args.get(i).equals("scope") || args.get(i).equals("label") || args.get(i).equals("to")) {
                i++;
            } else if (!args.get(i).equals("up") && dev == null) {
                dev = args.get(i);
            }
        }
        LinkShow.Style style = new LinkShow.Style(ip.details, false, ip.oneline, false);
        for (NetDevice d : devices(ip, dev)) {
            ip.frame.io().out().println(LinkShow.format(d, style));
            if (ip.family != 6) {
                InDevice in = Inetdevice.__inDevGetRcu(d);
                if (in != null) {
                    for (InIfaddr ifa : in.addresses()) {
                        ip.frame.io().out().println("    inet " + ifa.local() + " scope global"
                                + (ifa.isSecondary() ? " secondary" : "") + " " + d.name());
                    }
                }
            }
            if (ip.family != 4) {
                Inet6Dev in6 = Addrconf.__in6DevGet(d);
                if (in6 != null) {
                    for (Inet6Ifaddr ifa : in6.addresses()) {
                        ip.frame.io().out().println("    inet6 " + ifa.addr() + " scope global"
                                + (ifa.isTentative() ? " tentative" : ""));
                    }
                }
            }
        }
        return 0;
    }

    // ---- ip route ----

    private int route(IpCommand ip, String verb, List<String> args) {
        boolean add = IpCommand.matches(verb, "add") || IpCommand.matches(verb, "append")
                || IpCommand.matches(verb, "prepend");
        boolean replace = IpCommand.matches(verb, "replace") || IpCommand.matches(verb, "change");
        if (add || replace) {
            RouteRequest req = routeArgs(args);
            boolean v6 = ip.family == 6;
            if (replace) {
                stack.ipRouteDel(ip.net(), req, v6);
            }
            return ip.answer(stack.ipRouteAdd(ip.net(), req, v6));
        }
        if (IpCommand.matches(verb, "delete")) {
            return ip.answer(stack.ipRouteDel(ip.net(), routeArgs(args), ip.family == 6));
        }
        if (IpCommand.matches(verb, "show") || IpCommand.matches(verb, "list") || IpCommand.matches(verb, "lst")) {
            return showRoutes(ip);
        }
        if (IpCommand.matches(verb, "flush")) {
            return flushRoutes(ip, args);
        }
        if (IpCommand.matches(verb, "get")) {
            return routeGet(ip, args);
        }
        throw new ReplayUnsupported(verb, "'ip route " + verb + "' is not supported (supported: add, append, "
                + "replace, change, delete, show, flush, get)");
    }

    /**
     * {@code inet_rtm_getroute()} / {@code inet6_rtm_getroute()}: the output route to the address, as a dst the
     * lookup makes and caches on the nexthop ({@code rt_cache_route()}), released at once; prints what
     * {@code ip route get} prints, or {@code RTNETLINK answers: Network is unreachable}.
     */
    private int routeGet(IpCommand ip, List<String> args) {
        String to = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (Set.of("from", "iif", "oif", "dev", "mark", "tos", "dsfield", "vrf", "sport", "dport", "ipproto",
                    "uid", "as").contains(w)) {
                i++;
            } else if (!Set.of("to", "connected", "fibmatch", "cache").contains(w)) {
                to = to == null ? w : to;
            }
        }
        org.reftrace.inet.IpAddr daddr = to == null ? null
                : org.reftrace.inet.IpAddr.parse(to.replaceFirst("/\\d+$", "")).orElse(null);
        if (daddr == null) {
            throw new IprouteError("Error: " + (ip.family == 6 ? "inet6" : "inet") + " prefix is expected rather than \""
                    + to + "\".", 1);
        }
        Net net = ip.net();
        org.reftrace.netdev.Dev.rtnlLock(net.kernel());
        try {
            org.reftrace.inet.DstEntry dst;
            org.reftrace.inet.IpAddr gw = null;
            if (daddr.family() == org.reftrace.inet.AddressFamily.INET) {
                org.reftrace.inet.FibInfo fi = stack.fib().fibLookup(net, daddr);
                dst = fi == null ? null : stack.fib().ipRouteOutputKey(net, daddr);
                gw = fi == null ? null : fi.nhc().gw();
            } else {
                org.reftrace.inet.Rt6Info rt = stack.ip6Route().ip6RouteOutput(net, daddr);
                dst = rt;
                gw = rt != null && rt.from() != null ? rt.from().nhc().gw() : null;
            }
            if (dst == null) {
                ip.frame.io().err().println("RTNETLINK answers: Network is unreachable");
                return 2;
            }
            ip.frame.io().out().println(daddr + (gw != null ? " via " + gw : "") + " dev " + dst.dev().name()
                    + " uid 0");
            ip.frame.io().out().println("    cache");
            org.reftrace.inet.Dst.dstRelease(dst);
            return 0;
        } finally {
            org.reftrace.netdev.Dev.rtnlUnlock(net.kernel());
        }
    }

    private static RouteRequest routeArgs(List<String> args) {
        String prefix = null;
        RouteRequest req = RouteRequest.to(null);
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            switch (w) {
                case "via" -> {
                    String gw = IpCommand.arg(args, ++i);
                    if (gw.equals("inet") || gw.equals("inet6")) {
                        gw = IpCommand.arg(args, ++i);
                    }
                    req = req.via(gw);
                }
                case "dev", "oif" -> req = req.dev(IpCommand.arg(args, ++i));
                case "nhid" -> req = req.nhid(Integer.parseInt(IpCommand.arg(args, ++i)));
                case "from" -> req = req.from(IpCommand.arg(args, ++i));
                case "table" -> {
                    String t = IpCommand.arg(args, ++i);
                    if (!t.equals("main") && !t.equals("254")) {
                        throw new ReplayUnsupported(t, "only the main routing table is modelled");
                    }
                }
                case "onlink", "unicast" -> { }
                case "to" -> prefix = IpCommand.arg(args, ++i);
                case "nexthop", "encap", "blackhole", "unreachable", "prohibit", "local", "broadcast", "multicast",
                        "throw", "nat", "anycast" ->
                    throw new ReplayUnsupported(w, "'ip route ... " + w + "' is not modelled (only unicast routes "
                            + "through one gateway or device, or a nexthop object)");
                default -> {
                    if (ROUTE_VALUED.contains(w)) {
                        IpCommand.arg(args, ++i);
                    } else if (prefix == null) {
                        prefix = w;
                    } else {
                        throw new ReplayUnsupported(w, "unknown option '" + w + "' for ip route");
                    }
                }
            }
        }
        if (prefix == null) {
            throw new IprouteError("Not enough information: \"to\" argument is required.", 255);
        }
        return new RouteRequest(prefix, req.src(), req.via(), req.dev(), req.nhid());
    }

    private int showRoutes(IpCommand ip) {
        Net net = ip.net();
        if (ip.family != 6) {
            for (Fib.FibAlias a : stack.fib().routes(net)) {
                ip.frame.io().out().println(describe(a.dst().len() == 0 ? "default" : a.dst().toString(),
                        a.fi().nhc(), a.fi().nh(), a.kernel()));
            }
        }
        if (ip.family == 6) {
            for (Ip6Route.Fib6Alias a : stack.ip6Route().routes(net)) {
                ip.frame.io().out().println(describe(a.dst().len() == 0 ? "default" : a.dst().toString(),
                        a.f6i().nhc(), a.f6i().nh(), a.kernel()));
            }
        }
        return 0;
    }

    private static String describe(String dst, FibNhCommon nhc, Nexthop nh, boolean kernel) {
        StringBuilder out = new StringBuilder(dst);
        if (nh != null) {
            out.append(" nhid ").append(nh.id());
        }
        if (nhc != null) {
            if (nhc.gw() != null) {
                out.append(" via ").append(nhc.gw());
            }
            if (nhc.dev() != null) {
                out.append(" dev ").append(nhc.dev().name());
            }
        }
        if (kernel) {
            out.append(" proto kernel scope link");
        }
        return out.toString();
    }

    private int flushRoutes(IpCommand ip, List<String> args) {
        String dev = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("dev")) {
                dev = IpCommand.arg(args, ++i);
            } else if (args.get(i).equals("table") || args.get(i).equals("proto")) {
                i++;
            }
        }
        Net net = ip.net();
        if (ip.family != 6) {
            for (Fib.FibAlias a : stack.fib().routes(net)) {
                if (!a.kernel() && matchesDev(a.fi().nhc(), dev)) {
                    stack.ipRouteDel(net, request(a.dst().len() == 0 ? "default" : a.dst().toString(), a.fi().nhc(),
                            a.fi().nh()), false);
                }
            }
        }
        if (ip.family == 6) {
            for (Ip6Route.Fib6Alias a : stack.ip6Route().routes(net)) {
                if (!a.kernel() && matchesDev(a.f6i().nhc(), dev)) {
                    stack.ipRouteDel(net, request(a.dst().len() == 0 ? "default" : a.dst().toString(), a.f6i().nhc(),
                            a.f6i().nh()), true);
                }
            }
        }
        return 0;
    }

    private static boolean matchesDev(FibNhCommon nhc, String dev) {
        return dev == null || nhc != null && nhc.dev() != null && nhc.dev().name().equals(dev);
    }

    private static RouteRequest request(String prefix, FibNhCommon nhc, Nexthop nh) {
        RouteRequest r = RouteRequest.to(prefix);
        if (nh != null) {
            return r.nhid(nh.id());
        }
        if (nhc != null && nhc.gw() != null) {
            r = r.via(nhc.gw().toString());
        }
        if (nhc != null && nhc.dev() != null) {
            r = r.dev(nhc.dev().name());
        }
        return r;
    }

    // ---- ip nexthop ----

    private int nexthop(IpCommand ip, String verb, List<String> args) {
        if (IpCommand.matches(verb, "add") || IpCommand.matches(verb, "replace")) {
            int id = 0;
            String via = null;
            String dev = null;
            for (int i = 0; i < args.size(); i++) {
                String w = args.get(i);
                switch (w) {
                    case "id" -> id = Integer.parseInt(IpCommand.arg(args, ++i));
                    case "via" -> via = IpCommand.arg(args, ++i);
                    case "dev" -> dev = IpCommand.arg(args, ++i);
                    case "onlink" -> { }
                    case "proto", "scope" -> i++;
                    default -> throw new ReplayUnsupported(w, "'ip nexthop " + verb + " ... " + w
                            + "' is not modelled (supported: id N [via GW] dev DEV)");
                }
            }
            NexthopRequest req = NexthopRequest.id(id, dev);
            if (via != null) {
                req = req.via(via);
            }
            if (ip.family == 6) {
                req = req.inet6();
            }
            if (IpCommand.matches(verb, "replace")) {
                stack.nexthops().rtmDelNexthop(ip.net(), id);
            }
            return ip.answer(stack.nexthops().rtmNewNexthop(ip.net(), req));
        }
        if (IpCommand.matches(verb, "delete")) {
            int id = 0;
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).equals("id")) {
                    id = Integer.parseInt(IpCommand.arg(args, ++i));
                }
            }
            return ip.answer(stack.nexthops().rtmDelNexthop(ip.net(), id));
        }
        if (IpCommand.matches(verb, "flush")) {
            for (Nexthop nh : stack.nexthops().nexthops(ip.net())) {
                stack.nexthops().rtmDelNexthop(ip.net(), nh.id());
            }
            return 0;
        }
        if (IpCommand.matches(verb, "show") || IpCommand.matches(verb, "list") || IpCommand.matches(verb, "get")) {
            for (Nexthop nh : stack.nexthops().nexthops(ip.net())) {
                FibNhCommon nhc = nh.nhc();
                ip.frame.io().out().println("id " + nh.id() + (nhc != null && nhc.gw() != null ? " via " + nhc.gw() : "")
                        + (nhc != null && nhc.dev() != null ? " dev " + nhc.dev().name() : "") + " scope link");
            }
            return 0;
        }
        throw new ReplayUnsupported(verb, "'ip nexthop " + verb + "' is not supported (supported: add, replace, "
                + "delete, flush, show)");
    }

    // ---- ip neighbour ----

    private int neigh(IpCommand ip, String verb, List<String> args) {
        String address = null;
        String lladdr = null;
        String dev = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            switch (w) {
                case "lladdr" -> lladdr = IpCommand.arg(args, ++i);
                case "dev" -> dev = IpCommand.arg(args, ++i);
                case "nud", "proxy", "to" -> {
                    if (!w.equals("to")) {
                        i++;
                    } else {
                        address = IpCommand.arg(args, ++i);
                    }
                }
                case "router", "extern_learn", "permanent", "noarp", "reachable", "stale", "managed", "use" -> { }
                default -> address = address == null ? w : address;
            }
        }
        Net net = ip.net();
        if (dev != null && ip.replayer.find(net, dev) == null) {
            throw new IprouteError("Cannot find device \"" + dev + "\"", 1); // iproute2's nodev()
        }
        if (IpCommand.matches(verb, "add") || IpCommand.matches(verb, "replace") || IpCommand.matches(verb, "change")) {
            int err = stack.neigh().neighAdd(net, address, lladdr, dev);
            if (err == -org.reftrace.netdev.Errno.EEXIST && !IpCommand.matches(verb, "add")) {
                err = 0;
            }
            return ip.answer(err);
        }
        if (IpCommand.matches(verb, "delete")) {
            return ip.answer(stack.neigh().neighDelete(net, address, dev));
        }
        List<Neighbour> entries = new ArrayList<>();
        if (ip.family != 6) {
            entries.addAll(stack.neigh().arpTbl().entries());
        }
        if (ip.family != 4) {
            entries.addAll(stack.neigh().ndTbl().entries());
        }
        String onlyDev = dev;
        String onlyAddr = address;
        entries.removeIf(n -> n.dev().net() != net || onlyDev != null && !n.dev().name().equals(onlyDev));
        if (IpCommand.matches(verb, "flush")) {
            for (Neighbour n : entries) {
                stack.neigh().neighDelete(net, n.key().toString(), n.dev().name());
            }
            return 0;
        }
        if (IpCommand.matches(verb, "show") || IpCommand.matches(verb, "list") || IpCommand.matches(verb, "get")) {
            boolean get = IpCommand.matches(verb, "get");
            boolean found = false;
            for (Neighbour n : entries) {
                if (onlyAddr != null && get && !n.key().toString().equals(onlyAddr)) {
                    continue;
                }
                found = true;
                ip.frame.io().out().println(n.key() + " dev " + n.dev().name()
                        + (n.lladdr() != null ? " lladdr " + n.lladdr() : "") + (n.isPermanent() ? " PERMANENT" : " REACHABLE"));
            }
            if (get && !found) {
                ip.frame.io().err().println("RTNETLINK answers: No such file or directory");
                return 2;
            }
            return 0;
        }
        throw new ReplayUnsupported(verb, "'ip neighbour " + verb + "' is not supported (supported: add, replace, "
                + "delete, flush, show, get)");
    }

    /** The sysctls the IP stack acts on ({@code promote_secondaries}, {@code accept_dad}); {@code null} if none. */
    Integer sysctl(Net net, String key, String value) {
        String[] parts = key.split("\\.");
        if (parts.length != 5 || !parts[0].equals("net") || !parts[2].equals("conf")) {
            return null;
        }
        boolean on = !value.strip().equals("0");
        String dev = parts[3];
        if (parts[1].equals("ipv4") && parts[4].equals("promote_secondaries")) {
            return forDevices(net, dev, d -> stack.inet().setPromoteSecondaries(net, d, on));
        }
        if (parts[1].equals("ipv6") && parts[4].equals("accept_dad")) {
            return forDevices(net, dev, d -> stack.inet6().setAcceptDad(net, d, on));
        }
        return null;
    }

    private static int forDevices(Net net, String dev, java.util.function.ToIntFunction<String> setter) {
        if (dev.equals("default")) {
            return 0; // for devices made later: the model's new devices take the kernel's default
        }
        if (dev.equals("all")) {
            for (NetDevice d : net.devices()) {
                setter.applyAsInt(d.name());
            }
            return 0;
        }
        return setter.applyAsInt(dev);
    }
}
