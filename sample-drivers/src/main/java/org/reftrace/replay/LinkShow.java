package org.reftrace.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.reftrace.drivers.Bond;
import org.reftrace.drivers.Vlan;
import org.reftrace.netdev.Dev;
import org.reftrace.netdev.DeviceType;
import org.reftrace.netdev.IfFlag;
import org.reftrace.netdev.MacAddress;
import org.reftrace.netdev.NetDevice;

/** {@code ip link show}'s output for a model device: the default, {@code -d}, {@code -br}, {@code -o} and {@code -j}. */
final class LinkShow {
    /** How to print. */
    record Style(boolean details, boolean brief, boolean oneline, boolean json) {}

    private LinkShow() {}

    /** {@code dev_get_flags()} as {@code print_link_flags()} names them. */
    static List<String> flags(NetDevice dev) {
        List<String> f = new ArrayList<>();
        boolean running = dev.isUp() && dev.carrierOk();
        if (dev.isUp() && !running) {
            f.add("NO-CARRIER");
        }
        IfFlag[] order = {IfFlag.LOOPBACK, IfFlag.BROADCAST, IfFlag.POINTOPOINT, IfFlag.MULTICAST, IfFlag.NOARP,
            IfFlag.ALLMULTI, IfFlag.PROMISC, IfFlag.MASTER, IfFlag.SLAVE};
        for (IfFlag flag : order) {
            if (dev.hasFlag(flag)) {
                f.add(flag.name());
            }
        }
        if (dev.isUp()) {
            f.add("UP");
            if (dev.carrierOk()) {
                f.add("LOWER_UP");
            }
        }
        return f;
    }

    static String state(NetDevice dev) {
        return dev.isUp() ? dev.operstate().name() : "DOWN";
    }

    /** The name with its link: {@code vlan@real}, {@code veth0@if7} for a peer in another namespace. */
    static String displayName(NetDevice dev) {
        int iflink = dev.netdevOps().ndoGetIflink(dev);
        if (iflink == dev.ifindex()) {
            return dev.name();
        }
        if (iflink == 0) {
            return dev.name() + "@NONE";
        }
        for (NetDevice other : dev.net().devices()) {
            if (other.ifindex() == iflink && linkedInSameNet(dev, other)) {
                return dev.name() + "@" + other.name();
            }
        }
        return dev.name() + "@if" + iflink;
    }

    private static boolean linkedInSameNet(NetDevice dev, NetDevice other) {
        return dev.rtnlLinkOps() == null || !dev.rtnlLinkOps().kind().equals("veth")
                || org.reftrace.drivers.Veth.peerOf(dev) == other;
    }

    static String format(NetDevice dev, Style style) {
        if (style.json()) {
            return json(dev, style);
        }
        String brd = dev.type() == DeviceType.ETHER ? MacAddress.BROADCAST.toString()
                : dev.type() == DeviceType.LOOPBACK ? MacAddress.ZERO.toString() : "";
        if (style.brief()) {
            return String.format(Locale.ROOT, "%-16s %-14s %s <%s>", displayName(dev), state(dev), dev.devAddr(),
                    String.join(",", flags(dev)));
        }
        NetDevice master = Dev.netdevMasterUpperDevGet(dev);
        StringBuilder out = new StringBuilder();
        out.append(dev.ifindex()).append(": ").append(displayName(dev)).append(": <").append(String.join(",", flags(dev)))
                .append("> mtu ").append(dev.mtu()).append(" qdisc noqueue");
        if (master != null) {
            out.append(" master ").append(master.name());
        }
        out.append(" state ").append(state(dev)).append(" mode DEFAULT group default qlen 1000");
        String sep = style.oneline() ? "\\    " : "\n    ";
        out.append(sep).append(dev.type().linkName());
        if (dev.devAddr().length() > 0) {
            out.append(' ').append(dev.devAddr()).append(" brd ").append(brd);
        }
        if (style.details()) {
            String details = details(dev, master);
            if (!details.isEmpty()) {
                out.append(style.oneline() ? " " : "\n    ").append(details);
            }
        }
        for (String alt : dev.altnames()) {
            out.append(sep).append("altname ").append(alt);
        }
        return out.toString();
    }

    private static String details(NetDevice dev, NetDevice master) {
        List<String> parts = new ArrayList<>();
        parts.add("promiscuity " + (dev.hasFlag(IfFlag.PROMISC) ? 1 : 0) + " minmtu " + dev.minMtu() + " maxmtu "
                + dev.maxMtu());
        if (dev.rtnlLinkOps() != null) {
            String kind = dev.rtnlLinkOps().kind();
            StringBuilder k = new StringBuilder(kind);
            if (kind.equals("vlan")) {
                Vlan.VlanDev v = dev.priv(Vlan.VlanDev.class);
                k.append(" protocol ").append(v.protocol()).append(" id ").append(v.vlanId()).append(" <REORDER_HDR>");
            } else if (kind.equals("bond")) {
                Bond.BondPriv b = dev.priv(Bond.BondPriv.class);
                k.append(" mode ").append(b.mode().label()).append(" miimon ").append(b.miimon());
                if (b.activeSlave() != null) {
                    k.append(" active_slave ").append(b.activeSlave().name());
                }
            }
            parts.add(k.toString());
        }
        if (master != null && master.rtnlLinkOps() != null) {
            String mk = master.rtnlLinkOps().kind();
            if (mk.equals("bond")) {
                Bond.BondPriv b = master.priv(Bond.BondPriv.class);
                parts.add("bond_slave state " + (b.activeSlave() == dev || !b.mode().label().equals("active-backup")
                        ? "ACTIVE" : "BACKUP") + " mii_status " + (dev.carrierOk() ? "UP" : "DOWN"));
            } else if (mk.equals("bridge")) {
                parts.add("bridge_slave state forwarding priority 32 cost 100");
            }
        }
        return String.join(" ", parts);
    }

    private static String json(NetDevice dev, Style style) {
        StringBuilder out = new StringBuilder("{");
        out.append("\"ifindex\":").append(dev.ifindex());
        out.append(",\"ifname\":").append(quote(dev.name()));
        int iflink = dev.netdevOps().ndoGetIflink(dev);
        if (iflink != dev.ifindex() && iflink != 0) {
            String name = displayName(dev);
            String link = name.substring(name.indexOf('@') + 1);
            out.append(link.startsWith("if") ? ",\"link_index\":" + iflink : ",\"link\":" + quote(link));
        }
        out.append(",\"flags\":[").append(String.join(",", flags(dev).stream().map(LinkShow::quote).toList()))
                .append(']');
        out.append(",\"mtu\":").append(dev.mtu()).append(",\"qdisc\":\"noqueue\"");
        NetDevice master = Dev.netdevMasterUpperDevGet(dev);
        if (master != null) {
            out.append(",\"master\":").append(quote(master.name()));
        }
        out.append(",\"operstate\":").append(quote(state(dev)));
        out.append(",\"linkmode\":\"DEFAULT\",\"group\":\"default\",\"txqlen\":1000");
        out.append(",\"link_type\":").append(quote(dev.type().linkName().substring(5)));
        if (dev.devAddr().length() > 0) {
            out.append(",\"address\":").append(quote(dev.devAddr().toString()));
        }
        if (!dev.altnames().isEmpty()) {
            out.append(",\"altnames\":[").append(String.join(",", dev.altnames().stream().map(LinkShow::quote).toList()))
                    .append(']');
        }
        if (style.details() && dev.rtnlLinkOps() != null) {
            out.append(",\"linkinfo\":{\"info_kind\":").append(quote(dev.rtnlLinkOps().kind())).append('}');
        }
        return out.append('}').toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
