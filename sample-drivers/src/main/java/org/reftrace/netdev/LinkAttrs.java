package org.reftrace.netdev;

import java.util.HashMap;
import java.util.Map;

/**
 * The netlink attributes of an {@code RTM_NEWLINK} request, as {@code ip link add} would send them.
 *
 * @param ifname    the requested name ({@code IFLA_IFNAME}), possibly a {@code %d} template, or {@code null}
 * @param link      the lower device's name ({@code IFLA_LINK}), looked up in the requester's namespace, or
 *                  {@code null}
 * @param data      the link type's own attributes ({@code IFLA_INFO_DATA}), e.g. {@code id=2} for a vlan
 * @param mtu       {@code IFLA_MTU}, or 0 for the driver's default
 * @param address   {@code IFLA_ADDRESS}, or {@code null} for the driver's (usually random) one
 * @param targetNet {@code IFLA_NET_NS_FD}: the namespace the device is created in, or {@code null} for the
 *                  requester's
 * @param up        {@code IFF_UP} in {@code ifi_flags}: bring the device up once created
 * @param master    {@code IFLA_MASTER}: the name of the master to join once created, or {@code null}
 * @param ifindex   {@code IFLA_NEW_IFINDEX}: the ifindex asked for ({@code ip link add ... index N}), or 0 for the
 *                  next free one
 */
public record LinkAttrs(String ifname, String link, Map<String, String> data, int mtu, MacAddress address,
        Net targetNet, boolean up, String master, int ifindex) {

    public LinkAttrs {
        data = Map.copyOf(data);
    }

    /** Without an ifindex asked for. */
    public LinkAttrs(String ifname, String link, Map<String, String> data, int mtu, MacAddress address, Net targetNet,
            boolean up, String master) {
        this(ifname, link, data, mtu, address, targetNet, up, master, 0);
    }

    /** {@code IFLA_IFNAME}, {@code IFLA_LINK} and the type's data only. */
    public LinkAttrs(String ifname, String link, Map<String, String> data) {
        this(ifname, link, data, 0, null, null, false, null);
    }

    public static LinkAttrs named(String ifname) {
        return new LinkAttrs(ifname, null, Map.of());
    }

    public LinkAttrs withLink(String lower) {
        return new LinkAttrs(ifname, lower, data, mtu, address, targetNet, up, master, ifindex);
    }

    public LinkAttrs with(String key, String value) {
        Map<String, String> copy = new HashMap<>(data);
        copy.put(key, value);
        return new LinkAttrs(ifname, link, copy, mtu, address, targetNet, up, master, ifindex);
    }

    public LinkAttrs withMtu(int newMtu) {
        return new LinkAttrs(ifname, link, data, newMtu, address, targetNet, up, master, ifindex);
    }

    public LinkAttrs withAddress(MacAddress addr) {
        return new LinkAttrs(ifname, link, data, mtu, addr, targetNet, up, master, ifindex);
    }

    public LinkAttrs withTargetNet(Net net) {
        return new LinkAttrs(ifname, link, data, mtu, address, net, up, master, ifindex);
    }

    public LinkAttrs withUp(boolean bringUp) {
        return new LinkAttrs(ifname, link, data, mtu, address, targetNet, bringUp, master, ifindex);
    }

    public LinkAttrs withMaster(String masterName) {
        return new LinkAttrs(ifname, link, data, mtu, address, targetNet, up, masterName, ifindex);
    }

    public LinkAttrs withIfindex(int index) {
        return new LinkAttrs(ifname, link, data, mtu, address, targetNet, up, master, index);
    }

    /** A type attribute, or {@code null}. */
    public String get(String key) {
        return data.get(key);
    }
}
