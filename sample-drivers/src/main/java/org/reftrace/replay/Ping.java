package org.reftrace.replay;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Set;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.Dst;
import org.reftrace.inet.DstEntry;
import org.reftrace.inet.FibInfo;
import org.reftrace.inet.FibNhCommon;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.Neigh;
import org.reftrace.inet.NeighTable;
import org.reftrace.inet.Neighbour;
import org.reftrace.inet.Rt6Info;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.replay.shell.Shell;
import org.reftrace.stack.IpStack;

/**
 * {@code ping} / {@code ping6}, for what sending leaves behind in the kernel: the route lookup
 * ({@code ip_route_output_key()} / {@code ip6_route_output()}) makes and caches the nexthop's dst, and the first
 * packet resolves the next hop's neighbour ({@code __neigh_lookup(..., creat)}), an entry that holds its device until
 * the device goes down or away. Nothing is sent and no reply is modelled: when there is a route the echo counts as
 * answered (exit 0, iputils' summary); without one it is {@code ping: connect: Network is unreachable}, exit 2.
 * {@code -I DEV} binds to the device, and with no route the destination is taken as on-link there, as
 * {@code ip_route_output_key_hash_rcu()} does for a bound socket. {@code -c COUNT} and {@code -i INTERVAL} let that
 * much model time pass.
 */
final class Ping {
    /** iputils options that take a value. */
    private static final Set<Character> VALUED = Set.of('c', 'i', 'I', 'W', 'w', 's', 't', 'l', 'p', 'Q', 'm', 'M',
            'S', 'T', 'F', 'B', 'N', 'r', 'e');

    private final Replayer replayer;

    Ping(Replayer replayer) {
        this.replayer = replayer;
    }

    int run(String name, List<String> args, Shell.Frame frame) {
        int family = name.equals("ping6") ? 6 : 0;
        String device = null;
        String target = null;
        int count = 1;
        double interval = 1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    if (c == '4' || c == '6') {
                        family = c - '0';
                    } else if (VALUED.contains(c)) {
                        String value = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.size() ? args.get(++i)
                                : null;
                        if (value == null) {
                            frame.io().err().println("ping: option requires an argument -- '" + c + "'");
                            return 2;
                        }
                        try {
                            switch (c) {
                                case 'I' -> device = value;
                                case 'c' -> count = Integer.parseInt(value);
                                case 'i' -> interval = Double.parseDouble(value);
                                default -> { }
                            }
                        } catch (NumberFormatException e) {
                            frame.io().err().println("ping: invalid argument: '" + value + "'");
                            return 2;
                        }
                        break;
                    }
                }
            } else {
                target = a;
            }
        }
        if (target == null) {
            frame.io().err().println("ping: usage error: Destination address required");
            return 2;
        }
        IpAddr daddr = IpAddr.parse(target).orElse(null);
        if (daddr == null) {
            frame.io().err().println("ping: " + target + ": Name or service not known");
            return 2;
        }
        if (family == 6 && daddr.family() != AddressFamily.INET6 || family == 4 && daddr.family() != AddressFamily.INET) {
            frame.io().err().println("ping: " + target + ": Address family for hostname not supported");
            return 2;
        }
        Net net = replayer.net(frame.netns());
        if (net == null) {
            frame.io().err().println("ping: the namespace is gone");
            return 2;
        }
        NetDevice bound = null;
        if (device != null && IpAddr.parse(device).isEmpty()) {
            bound = replayer.find(net, device);
            if (bound == null) {
                frame.io().err().println("ping: SO_BINDTODEVICE " + device + ": No such device");
                return 2;
            }
        }
        if (!send(net, daddr, bound)) {
            frame.io().err().println("ping: connect: Network is unreachable");
            return 2;
        }
        int sent = Math.max(count, 1);
        try {
            replayer.kernel().clock().sleepMillis((long) ((sent - 1) * interval * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var out = frame.io().out();
        out.println("PING " + target + " (" + daddr + ") 56(84) bytes of data.");
        out.println("");
        out.println("--- " + target + " ping statistics ---");
        out.println(sent + " packets transmitted, " + sent + " received, 0% packet loss, time "
                + (long) ((sent - 1) * interval * 1000) + "ms");
        return 0;
    }

    /** The route lookup and the neighbour the first packet resolves; whether there was a route. */
    private boolean send(Net net, IpAddr daddr, NetDevice bound) {
        IpStack stack = replayer.inet().stack();
        rtnlLock(replayer.kernel());
        try {
            if (isLocal(net, daddr)) {
                return true; // through the loopback: no neighbour
            }
            NetDevice dev;
            IpAddr nextHop;
            DstEntry dst;
            if (daddr.family() == AddressFamily.INET) {
                FibInfo fi = stack.fib().fibLookup(net, daddr);
                dst = fi == null ? null : stack.fib().ipRouteOutputKey(net, daddr);
                FibNhCommon nhc = fi == null ? null : fi.nhc();
                dev = nhc == null ? bound : nhc.dev();
                nextHop = nhc != null && nhc.gw() != null ? nhc.gw() : daddr;
            } else {
                Rt6Info rt = stack.ip6Route().ip6RouteOutput(net, daddr);
                dst = rt;
                FibNhCommon nhc = rt != null && rt.from() != null ? rt.from().nhc() : null;
                dev = rt == null ? bound : rt.dev();
                nextHop = nhc != null && nhc.gw() != null ? nhc.gw() : daddr;
            }
            if (dst != null) {
                Dst.dstRelease(dst);
            }
            if (dev == null || !dev.isUp()) {
                return false;
            }
            NeighTable tbl = daddr.family() == AddressFamily.INET ? stack.neigh().arpTbl() : stack.neigh().ndTbl();
            Neighbour n = Neigh.__neighLookup(tbl, nextHop, dev, true);
            if (n != null) {
                Neigh.neighRelease(n);
            }
            return true;
        } finally {
            rtnlUnlock(replayer.kernel());
        }
    }

    private static boolean isLocal(Net net, IpAddr daddr) {
        return net.devices().stream().anyMatch(d -> InetCommands.hasAddress(d, daddr));
    }
}
