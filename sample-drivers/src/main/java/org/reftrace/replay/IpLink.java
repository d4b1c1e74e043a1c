package org.reftrace.replay;

import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reftrace.netdev.ExtAck;
import org.reftrace.netdev.IfFlag;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;

/**
 * {@code ip link add|set|change|delete|show}: {@code RTM_NEWLINK}, {@code RTM_SETLINK} (applied in
 * {@code do_setlink()}'s order: namespace, address, MTU, name, up/down, master, carrier), {@code RTM_DELLINK}
 * and the listing, against the model.
 */
final class IpLink {
    private final IpCommand ip;

    IpLink(IpCommand ip) {
        this.ip = ip;
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            return show(args);
        }
        String verb = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (IpCommand.matches(verb, "add")) {
            return add(LinkRequest.parse(rest, true));
        }
        if (IpCommand.matches(verb, "set") || IpCommand.matches(verb, "change")) {
            return set(LinkRequest.parse(rest, false));
        }
        if (IpCommand.matches(verb, "replace")) {
            throw new ReplayUnsupported(verb, "'ip link replace' is not supported (use add or set)");
        }
        if (IpCommand.matches(verb, "delete")) {
            return delete(rest);
        }
        if (IpCommand.matches(verb, "show") || IpCommand.matches(verb, "lst") || IpCommand.matches(verb, "list")) {
            return show(rest);
        }
        if (IpCommand.matches(verb, "help")) {
            return 0;
        }
        if (IpCommand.matches(verb, "property")) {
            return property(rest);
        }
        if (IpCommand.matches(verb, "xstats") || IpCommand.matches(verb, "afstats")) {
            throw new ReplayUnsupported(verb, "'ip link " + verb + "' is not supported (supported: add, set, change, "
                    + "delete, show)");
        }
        throw new IprouteError("Command \"" + verb + "\" is unknown, try \"ip link help\".", 255);
    }

    /**
     * {@code ip link property add|del dev DEV altname NAME...}: {@code RTM_NEWLINKPROP} / {@code RTM_DELLINKPROP},
     * one alternative name at a time as {@code rtnl_alt_ifname()} does them.
     */
    private int property(List<String> args) {
        if (args.isEmpty()) {
            throw new IprouteError("Command line is not complete. Try option \"help\"", 255);
        }
        boolean add = IpCommand.matches(args.get(0), "add");
        if (!add && !IpCommand.matches(args.get(0), "delete")) {
            throw new IprouteError("Command \"" + args.get(0) + "\" is unknown, try \"ip link help\".", 255);
        }
        String name = null;
        List<String> altnames = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("dev")) {
                name = IpCommand.arg(args, ++i);
            } else if (w.equals("altname")) {
                altnames.add(IpCommand.arg(args, ++i));
            } else if (name == null) {
                name = w;
            } else {
                throw new IprouteError("Error: argument \"" + w + "\" is wrong: unknown property", 255);
            }
        }
        if (name == null) {
            throw new IprouteError("Not enough information: \"dev\" argument is required.", 255);
        }
        if (altnames.isEmpty()) {
            throw new IprouteError("Not enough information: \"altname\" argument is required.", 255);
        }
        Net net = ip.net();
        NetDevice dev = device(net, name);
        Kernel kernel = ip.replayer.kernel();
        rtnlLock(kernel);
        int err = 0;
        try {
            for (String alt : altnames) {
                err = add ? netdevNameNodeAltCreate(dev, alt) : netdevNameNodeAltDestroy(dev, alt);
                if (err < 0) {
                    break;
                }
            }
        } finally {
            rtnlUnlock(kernel);
        }
        return ip.answer(err);
    }

    private Net target(String netns) {
        if (netns == null) {
            return null;
        }
        Net target = ip.replayer.net(netns);
        if (target == null) {
            throw new IprouteError("Error: argument \"" + netns + "\" is wrong: Invalid \"netns\" value", 255);
        }
        return target;
    }

    private NetDevice device(Net net, String name) {
        NetDevice dev = ip.replayer.find(net, name);
        if (dev == null) {
            throw new IprouteError("Cannot find device \"" + name + "\"", 1);
        }
        return dev;
    }

    private int add(LinkRequest r) {
        Net net = ip.net();
        if (r.kind == null) {
            throw new IprouteError("Not enough information: \"type\" argument is required", 255);
        }
        if (r.link != null) {
            device(net, r.link);
        }
        Net target = target(r.netns);
        if (r.master != null && ip.replayer.find(target != null ? target : net, r.master) == null) {
            throw new IprouteError("Error: argument \"" + r.master + "\" is wrong: Device does not exist", 255);
        }
        Map<String, String> data = new LinkedHashMap<>(r.data);
        if (r.peer != null) {
            if (r.peer.dev != null) {
                data.put("peer", r.peer.dev);
            }
            if (r.peer.netns != null) {
                target(r.peer.netns);
                data.put("peer_netns", r.peer.netns);
            }
        }
        ip.replayer.modules().load(LinkKinds.MODULE_OF_KIND.get(r.kind), Map.of(), ip.frame.io().err());
        LinkAttrs attrs = new LinkAttrs(r.dev, r.link, data, r.mtu, r.address, target, Boolean.TRUE.equals(r.up),
                r.master, r.index);
        ExtAck.clear();
        return ip.answer(rtnlNewlink(net, r.kind, attrs));
    }

    private int set(LinkRequest r) {
        Net net = ip.net();
        NetDevice dev = device(net, r.dev);
        NetDevice master = null;
        if (r.master != null) {
            master = ip.replayer.find(net, r.master);
            if (master == null) {
                throw new IprouteError("Error: argument \"" + r.master + "\" is wrong: Device does not exist", 255);
            }
        }
        Net target = target(r.netns);
        Kernel kernel = net.kernel();
        ExtAck.clear();
        rtnlLock(kernel);
        int err = 0;
        try {
            if (r.kind != null) {
                err = rtnlChangelink(dev, r.kind, new LinkAttrs(null, r.link, r.data));
            }
            if (err == 0 && target != null) {
                err = devChangeNetNamespace(dev, target, r.newName);
            }
            if (err == 0 && r.address != null) {
                err = devSetMacAddress(dev, r.address);
            }
            if (err == 0 && r.mtu > 0) {
                err = devSetMtu(dev, r.mtu);
            }
            if (err == 0 && r.newName != null) {
                err = devChangeName(dev, r.newName);
            }
            if (err == 0 && r.up != null) {
                if (r.up) {
                    err = devOpen(dev);
                } else {
                    devClose(dev);
                }
            }
            if (err == 0) {
                err = flags(dev, r.flags);
            }
            if (err == 0 && (master != null || r.nomaster)) {
                err = doSetMaster(dev, master);
            }
        } finally {
            rtnlUnlock(kernel);
        }
        return ip.answer(err);
    }

    private static int flags(NetDevice dev, Map<String, Boolean> flags) {
        for (Map.Entry<String, Boolean> f : flags.entrySet()) {
            boolean on = f.getValue();
            switch (f.getKey()) {
                case "arp" -> devChangeFlag(dev, IfFlag.NOARP, !on);
                case "multicast" -> devChangeFlag(dev, IfFlag.MULTICAST, on);
                case "promisc" -> devChangeFlag(dev, IfFlag.PROMISC, on);
                case "allmulticast" -> devChangeFlag(dev, IfFlag.ALLMULTI, on);
                case "carrier" -> {
                    int err = devChangeCarrier(dev, on);
                    if (err != 0) {
                        return err;
                    }
                }
                default -> { } // trailers, dynamic, protodown: nothing the model keeps
            }
        }
        return 0;
    }

    private int delete(List<String> args) {
        String name = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("dev")) {
                name = IpCommand.arg(args, ++i);
            } else if (w.equals("type")) {
                i++; // the kernel deletes whatever the device is
            } else if (w.equals("group")) {
                throw new ReplayUnsupported(w, "'ip link delete group' is not supported");
            } else if (name == null) {
                name = w;
            } else {
                throw new IprouteError("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.", 255);
            }
        }
        if (name == null) {
            throw new IprouteError("Not enough information: \"dev\" argument is required.", 255);
        }
        Net net = ip.net();
        device(net, name);
        ExtAck.clear();
        return ip.answer(rtnlDellink(net, name));
    }

    private int show(List<String> args) {
        Net net = ip.net();
        String only = null;
        String kind = null;
        String master = null;
        boolean upOnly = false;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            switch (w) {
                case "dev" -> only = IpCommand.arg(args, ++i);
                case "type" -> kind = IpCommand.arg(args, ++i);
                case "master" -> master = IpCommand.arg(args, ++i);
                case "up" -> upOnly = true;
                case "group", "vrf" -> i++;
                default -> only = w;
            }
        }
        List<NetDevice> devices = new ArrayList<>();
        if (only != null) {
            NetDevice dev = ip.replayer.find(net, only);
            if (dev == null) {
                ip.frame.io().err().println("Device \"" + only + "\" does not exist.");
                return 1;
            }
            devices.add(dev);
        } else {
            devices.addAll(net.devices());
        }
        LinkShow.Style style = new LinkShow.Style(ip.details, ip.brief, ip.oneline, ip.json);
        List<String> shown = new ArrayList<>();
        for (NetDevice dev : devices) {
            if (upOnly && !dev.isUp()) {
                continue;
            }
            if (kind != null && (dev.rtnlLinkOps() == null || !dev.rtnlLinkOps().kind().equals(kind))) {
                continue;
            }
            NetDevice m = netdevMasterUpperDevGet(dev);
            if (master != null && (m == null || !m.name().equals(master))) {
                continue;
            }
            shown.add(LinkShow.format(dev, style));
        }
        if (ip.json) {
            ip.frame.io().out().println("[" + String.join(",", shown) + "]");
        } else {
            shown.forEach(ip.frame.io().out()::println);
        }
        return 0;
    }
}
