package org.reftrace.netdev;

import java.util.Map;

/**
 * The netlink attributes of an {@code RTM_NEWLINK} request, as {@code ip link add} would send them.
 *
 * @param ifname the requested name ({@code IFLA_IFNAME}), possibly a {@code %d} template, or {@code null}
 * @param link   the lower device's name ({@code IFLA_LINK}), or {@code null}
 * @param data   the link type's own attributes ({@code IFLA_INFO_DATA}), e.g. {@code id=2} for a vlan
 */
public record LinkAttrs(String ifname, String link, Map<String, String> data) {

    public LinkAttrs {
        data = Map.copyOf(data);
    }

    public static LinkAttrs named(String ifname) {
        return new LinkAttrs(ifname, null, Map.of());
    }

    public LinkAttrs withLink(String lower) {
        return new LinkAttrs(ifname, lower, data);
    }

    public LinkAttrs with(String key, String value) {
        var copy = new java.util.HashMap<>(data);
        copy.put(key, value);
        return new LinkAttrs(ifname, link, copy);
    }

    /** A type attribute, or {@code null}. */
    public String get(String key) {
        return data.get(key);
    }
}
