package org.reftrace.replay;

import java.util.ArrayList;
import java.util.List;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.ExtAck;
import org.reftrace.netdev.Net;
import org.reftrace.replay.shell.Node;
import org.reftrace.replay.shell.Shell;

/**
 * {@code ip} (iproute2) against the model: its global options ({@code -n}/{@code -netns}, {@code -4}/{@code -6},
 * {@code -d}, {@code -j}, {@code -br}, {@code -o}, {@code -all}, ...), objects and verbs abbreviated as iproute2
 * allows ({@code ip l s dev x up}), and iproute2's messages: {@code Cannot find device "x"},
 * {@code RTNETLINK answers: No such device}, {@code Error: <extack>.}.
 *
 * <p>One instance per command line. Not thread-safe.
 */
final class IpCommand {
    /** iproute2's objects in the order {@code ip} matches abbreviations against them. */
    private static final List<String> OBJECTS = List.of("address", "addrlabel", "maddress", "route", "rule",
            "neighbor", "neighbour", "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl",
            "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute", "mrule", "netns",
            "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "stats", "help");

    final Replayer replayer;
    final Node.Simple node;
    Shell.Frame frame;
    /** {@code -4}, {@code -6}, {@code -0}, or 0 for any. */
    int family;
    boolean details;
    boolean json;
    boolean brief;
    boolean oneline;
    boolean all;

    IpCommand(Replayer replayer, Node.Simple node, Shell.Frame frame) {
        this.replayer = replayer;
        this.node = node;
        this.frame = frame;
    }

    /** iproute2's {@code matches()}: {@code word} is a non-empty prefix of {@code full}. */
    static boolean matches(String word, String full) {
        return !word.isEmpty() && full.startsWith(word);
    }

    /** Runs {@code ip ARGS}; returns its exit status. */
    int run(List<String> args) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
            String opt = args.get(i).startsWith("--") ? args.get(i).substring(1) : args.get(i);
            if (opt.equals("-4")) {
                family = 4;
            } else if (opt.equals("-6")) {
                family = 6;
            } else if (opt.equals("-0")) {
                family = -1;
            } else if (matches(opt, "-family") && opt.length() > 1 && !opt.equals("-f") || opt.equals("-f")) {
                String f = arg(args, ++i);
                family = f.equals("inet") ? 4 : f.equals("inet6") ? 6 : f.equals("link") ? -1 : 0;
            } else if (matches(opt, "-netns")) {
                String ns = arg(args, ++i);
                if (replayer.net(ns) == null) {
                    throw new IprouteError("Cannot open network namespace \"" + ns + "\": No such file or directory",
                            255);
                }
                frame = frame.withNetns(ns);
            } else if (matches(opt, "-details")) {
                details = true;
            } else if (matches(opt, "-json")) {
                json = true;
            } else if (matches(opt, "-brief") && opt.length() >= 3) {
                brief = true;
            } else if (matches(opt, "-oneline")) {
                oneline = true;
            } else if (matches(opt, "-all")) {
                all = true;
            } else if (matches(opt, "-batch")) {
                throw new ReplayUnsupported(args.get(i), "'ip -batch' is not supported: write the commands in the "
                        + "script");
            } else if (matches(opt, "-Version")) {
                frame.io().out().println("ip utility, iproute2-6.18.0 (reftrace replay)");
                return 0;
            } else if (matches(opt, "-loops") || matches(opt, "-rcvbuf") || matches(opt, "-color")
                    && opt.contains("=")) {
                if (!opt.contains("=")) {
                    i++;
                }
            } else if (matches(opt, "-stats") || matches(opt, "-statistics") || matches(opt, "-pretty")
                    || matches(opt, "-color") || matches(opt, "-human") || matches(opt, "-iec")
                    || matches(opt, "-timestamp") || matches(opt, "-tshort") || matches(opt, "-resolve")
                    || matches(opt, "-force") || matches(opt, "-Numeric") || opt.equals("-s") || opt.equals("-d")) {
                // display options: the model's output does not change
            } else {
                throw new IprouteError("Option \"" + args.get(i) + "\" is unknown, try \"ip -help\".", 255);
            }
            i++;
        }
        if (i >= args.size()) {
            throw new IprouteError("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }", 255);
        }
        String object = object(args.get(i));
        List<String> rest = new ArrayList<>(args.subList(i + 1, args.size()));
        return switch (object) {
            case "link" -> new IpLink(this).run(rest);
            case "netns" -> new IpNetns(this).run(rest);
            case "address", "route", "nexthop", "neighbor", "neighbour", "rule" -> replayer.inet().run(this, object,
                    rest);
            case "help" -> 0;
            default -> throw new ReplayUnsupported(args.get(i), "'ip " + object + "' is not modelled (supported: "
                    + "ip link, ip netns, ip address, ip route, ip nexthop)");
        };
    }

    private static String object(String word) {
        for (String o : OBJECTS) {
            if (matches(word, o)) {
                return o;
            }
        }
        throw new IprouteError("Object \"" + word + "\" is unknown, try \"ip help\".", 255);
    }

    static String arg(List<String> args, int i) {
        if (i >= args.size()) {
            throw new IprouteError("Command line is not complete. Try option \"help\"", 255);
        }
        return args.get(i);
    }

    /** The namespace this command runs in. */
    Net net() {
        return replayer.net(frame.netns());
    }

    /**
     * Prints what iproute2 prints for a kernel's answer: nothing for 0, {@code Error: MESSAGE.} when the kernel
     * set an extack message, else {@code RTNETLINK answers: STRERROR}; returns the exit status (2 on error).
     */
    int answer(int err) {
        String message = ExtAck.take();
        if (err == 0) {
            return 0;
        }
        if (message != null) {
            frame.io().err().println("Error: " + message + (message.endsWith(".") ? "" : "."));
        } else {
            frame.io().err().println("RTNETLINK answers: " + Errno.strerror(err));
        }
        return 2;
    }
}
