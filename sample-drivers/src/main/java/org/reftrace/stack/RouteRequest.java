package org.reftrace.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code RTM_NEWROUTE}/{@code RTM_DELROUTE} request, as {@code ip route add|del PREFIX [from SRC] [via GW]
 * [dev DEV] [nhid N]} sends it. Strings are parsed by the handler, which answers a malformed one with
 * {@code -EINVAL}, as the kernel answers a malformed attribute.
 *
 * @param prefix the destination, {@code ADDR/LEN} or {@code default}; required
 * @param src    {@code from SRC}: a source prefix (IPv6 source routing), or {@code null}
 * @param via    the gateway, or {@code null}
 * @param dev    the output device's name, or {@code null}
 * @param nhid   a nexthop object's id, or 0 for none
 */
public record RouteRequest(String prefix, String src, String via, String dev, int nhid) {

    /** {@code ip route add PREFIX}: nothing else set yet. */
    public static RouteRequest to(String prefix) {
        return new RouteRequest(prefix, null, null, null, 0);
    }

    public RouteRequest from(String sourcePrefix) {
        return new RouteRequest(prefix, sourcePrefix, via, dev, nhid);
    }

    public RouteRequest via(String gateway) {
        return new RouteRequest(prefix, src, gateway, dev, nhid);
    }

    public RouteRequest dev(String device) {
        return new RouteRequest(prefix, src, via, device, nhid);
    }

    public RouteRequest nhid(int id) {
        return new RouteRequest(prefix, src, via, dev, id);
    }

    /** The arguments as {@code ip route} takes them, e.g. {@code 10.0.0.0/24 via 10.1.0.1 dev dummy0}. */
    @Override
    public String toString() {
        List<String> words = new ArrayList<>(List.of(String.valueOf(prefix)));
        if (src != null) {
            words.add("from " + src);
        }
        if (nhid != 0) {
            words.add("nhid " + nhid);
        }
        if (via != null) {
            words.add("via " + via);
        }
        if (dev != null) {
            words.add("dev " + dev);
        }
        return String.join(" ", words);
    }
}
