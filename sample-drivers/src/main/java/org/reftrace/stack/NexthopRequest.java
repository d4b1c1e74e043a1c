package org.reftrace.stack;

/**
 * One {@code RTM_NEWNEXTHOP} request, as {@code ip nexthop add id N [via GW] dev DEV} (or
 * {@code ip -6 nexthop ...}) sends it.
 *
 * @param id   the nexthop's id, 1 or more
 * @param via  the gateway, or {@code null}; its family is the nexthop's
 * @param dev  the device's name; required
 * @param ipv6 {@code ip -6 nexthop}: the family when there is no gateway to say it
 */
public record NexthopRequest(int id, String via, String dev, boolean ipv6) {

    /** {@code ip nexthop add id ID dev DEV}. */
    public static NexthopRequest id(int id, String dev) {
        return new NexthopRequest(id, null, dev, false);
    }

    public NexthopRequest via(String gateway) {
        return new NexthopRequest(id, gateway, dev, ipv6 || gateway != null && gateway.indexOf(':') >= 0);
    }

    /** {@code ip -6 nexthop ...}. */
    public NexthopRequest inet6() {
        return new NexthopRequest(id, via, dev, true);
    }

    @Override
    public String toString() {
        return "id " + id + (via != null ? " via " + via : "") + " dev " + dev;
    }
}
