package org.reftrace.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reftrace.netdev.MacAddress;

/**
 * An {@code ip link add} or {@code ip link set} command line, parsed as iproute2's {@code iplink_parse()} reads
 * it.
 */
final class LinkRequest {
    /** The device: the new device's name ({@code add}) or the one to change ({@code set}). */
    String dev;
    /** {@code set ... name NEW}. */
    String newName;
    String link;
    String kind;
    final Map<String, String> data = new LinkedHashMap<>();
    int mtu;
    MacAddress address;
    String netns;
    Boolean up;
    String master;
    boolean nomaster;
    /** {@code add ... index N}: the ifindex asked for. */
    int index;
    /** {@code arp}, {@code multicast}, {@code promisc}, {@code allmulticast}, {@code carrier}, ...: on/off. */
    final Map<String, Boolean> flags = new LinkedHashMap<>();
    /** {@code veth ... peer ...}: the peer's own options. */
    LinkRequest peer;

    private LinkRequest() {}

    /** Options that change nothing the model keeps (queues, offload sizes, groups, aliases): accepted. */
    private static final List<String> IGNORED_VALUED = List.of("txqueuelen", "qlen", "txqlen", "numtxqueues",
            "numrxqueues", "gso_max_size", "gso_max_segs", "gro_max_size", "gso_ipv4_max_size", "gro_ipv4_max_size",
            "tso_max_size", "tso_max_segs", "group", "alias", "addrgenmode", "mode", "state", "broadcast", "brd");
    private static final List<String> FLAG_OPTIONS = List.of("arp", "multicast", "allmulticast", "promisc",
            "trailers", "dynamic", "carrier", "protodown");
    private static final List<String> UNSUPPORTED = List.of("vrf", "xdp", "xdpgeneric", "xdpdrv",
            "xdpoffload", "vf", "link-netns", "link-netnsid", "parentdev", "altname", "protodown_reason",
            "netnsid");

    /**
     * Parses the arguments after {@code ip link add} ({@code add} true) or {@code ip link set}.
     *
     * @throws ReplayUnsupported naming the first token the model does not support
     * @throws IprouteError      for what iproute2 itself would refuse
     */
    static LinkRequest parse(List<String> args, boolean add) {
        LinkRequest r = new LinkRequest();
        int i = r.common(args, 0, add);
        if (i < args.size()) {
            r.kind = args.get(i);
            if (!LinkKinds.isKnown(r.kind)) {
                throw new ReplayUnsupported(r.kind, "link type '" + r.kind + "' is not in the model (it has: "
                        + String.join(", ", LinkKinds.known()) + ")");
            }
            r.kindOptions(args, i + 1);
        }
        if (r.dev == null && !add) {
            throw new IprouteError("Not enough information: \"dev\" argument is required.", 255);
        }
        return r;
    }

    /** {@code iplink_parse()}: the options before {@code type}; returns the index after {@code type}, or the end. */
    private int common(List<String> args, int i, boolean add) {
        while (i < args.size()) {
            String w = args.get(i);
            switch (w) {
                case "up", "down" -> up = w.equals("up");
                case "name" -> {
                    String v = value(args, ++i, w);
                    if (add) {
                        dev = v;
                    } else {
                        newName = v;
                    }
                }
                case "dev" -> dev = value(args, ++i, w);
                case "link" -> link = value(args, ++i, w);
                case "address" -> address = mac(value(args, ++i, w));
                case "mtu" -> mtu = integer(value(args, ++i, w), "mtu");
                case "netns" -> netns = value(args, ++i, w);
                case "master" -> master = value(args, ++i, w);
                case "nomaster" -> nomaster = true;
                case "index" -> {
                    if (!add) {
                        throw new ReplayUnsupported(w, "'ip link set ... index' is not supported");
                    }
                    index = integer(value(args, ++i, w), "index");
                }
                case "type" -> {
                    if (i + 1 >= args.size()) {
                        throw new IprouteError("Command line is not complete. Try option \"help\"", 255);
                    }
                    return i + 1;
                }
                default -> {
                    if (IGNORED_VALUED.contains(w)) {
                        value(args, ++i, w);
                    } else if (FLAG_OPTIONS.contains(w)) {
                        String v = value(args, ++i, w);
                        if (!v.equals("on") && !v.equals("off")) {
                            throw new IprouteError("Error: argument of \"" + w + "\" must be \"on\" or \"off\", not \""
                                    + v + "\"", 255);
                        }
                        flags.put(w, v.equals("on"));
                    } else if (UNSUPPORTED.contains(w)) {
                        throw new ReplayUnsupported(w, "'ip link " + (add ? "add" : "set") + " ... " + w
                                + "' is not supported");
                    } else if (dev == null) {
                        dev = w; // iplink_parse(): any other word is the device
                    } else {
                        // ... and a second one is duparg2("dev", word): every option of iproute2 is known above
                        throw new IprouteError("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.",
                                255);
                    }
                }
            }
            i++;
        }
        return args.size();
    }

    private void kindOptions(List<String> args, int i) {
        while (i < args.size()) {
            String w = args.get(i);
            if (kind.equals("veth") && w.equals("peer")) {
                peer = new LinkRequest();
                peer.common(args, i + 1, true);
                return;
            }
            if (kind.equals("macvlan") && w.equals("macaddr")) {
                String op = value(args, ++i, w);
                if (op.equals("add") || op.equals("set") || op.equals("del")) {
                    data.put("macaddr", value(args, ++i, "macaddr " + op));
                } else if (!op.equals("flush")) {
                    throw new IprouteError("Error: argument \"" + op + "\" is wrong: unknown macaddr mode", 255);
                }
                i++;
                continue;
            }
            if (LinkKinds.isFlag(kind, w)) {
                data.put(w, "on");
            } else if (LinkKinds.takesValue(kind, w)) {
                String v = value(args, ++i, w);
                if (kind.equals("bond")) {
                    bondTargets(w, v);
                }
                data.put(w, v);
            } else if (LinkKinds.takesList(kind, w)) {
                StringBuilder list = new StringBuilder();
                while (i + 1 < args.size() && args.get(i + 1).contains(":")) {
                    list.append(list.isEmpty() ? "" : " ").append(args.get(++i));
                }
                data.put(w, list.toString());
            } else if (kind.equals("bond") || kind.equals("vlan")) {
                // iproute2's bond_parse_opt() / vlan_parse_opt(): the list above is all of theirs
                throw new IprouteError(kind + ": unknown command \"" + w + "\"?", 255);
            } else {
                throw new ReplayUnsupported(w, "unknown option '" + w + "' for type " + kind + " (supported: "
                        + LinkKinds.optionsOf(kind) + ")");
            }
            i++;
        }
    }

    /**
     * iproute2's {@code get_addr32()} / {@code get_addr(..., AF_INET6)} on each comma-separated target of
     * {@code arp_ip_target} / {@code ns_ip6_target}: a word that is no address ends {@code ip} with status 1.
     */
    private static void bondTargets(String option, String value) {
        if (!option.equals("arp_ip_target") && !option.equals("ns_ip6_target")) {
            return;
        }
        for (String target : value.split(",")) {
            if (option.equals("arp_ip_target") && !target.matches("(\\+?\\d+)(\\.\\+?\\d+){3}")) {
                // get_addr_ipv4() reads each byte with strtoul(), which takes a leading '+'
                throw new IprouteError("Error: an IP address is expected rather than \"" + target + "\"", 1);
            }
            if (option.equals("ns_ip6_target")
                    && org.reftrace.inet.IpAddr.parse(target).filter(a -> a.family()
                            == org.reftrace.inet.AddressFamily.INET6).isEmpty()) {
                throw new IprouteError("Error: inet6 address is expected rather than \"" + target + "\".", 1);
            }
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IprouteError("Command line is not complete. Try option \"help\"", 255);
        }
        return args.get(i);
    }

    private static MacAddress mac(String text) {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IprouteError("Error: \"" + text + "\" is invalid lladdr.", 255);
        }
    }

    private static int integer(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IprouteError("Error: argument \"" + text + "\" is wrong: Invalid \"" + option + "\" value", 255);
        }
    }
}
