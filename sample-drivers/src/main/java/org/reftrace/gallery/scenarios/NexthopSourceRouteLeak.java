package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.stack.IpStack;
import org.reftrace.stack.Ip6Route;
import org.reftrace.stack.NexthopRequest;
import org.reftrace.stack.RouteRequest;

/**
 * 706ec9191646 "ipv6: Fix nexthop refcnt leak when creating ipv6 route info" (2020), fixing f88d8ea67fbd
 * "ipv6: Plumb support for nexthop object in a fib6_info". A route → nexthop → device chain.
 */
public final class NexthopSourceRouteLeak extends AbstractScenario {

    public NexthopSourceRouteLeak() {
        super("nexthop-source-route-leak", List.of("706ec9191646", "f88d8ea67fbd"), Outcome.HANG,
                "Ip6Route.ip6RouteInfoCreate",
                "a rejected IPv6 route with a source prefix keeps its reference on the nexthop object, which keeps "
                        + "the device",
                "ip6_route_info_create() took its reference on the route's nexthop object (nexthop_get()) before "
                        + "checking that the route has no source prefix: nexthop objects cannot be used with source "
                        + "routing. The rejected route was released, but it never owned the nexthop reference, so "
                        + "that one leaked. Routes through the same nexthop come and go correctly; when the device "
                        + "goes, the nexthop leaves its tree and its routes are flushed, yet the leaked reference "
                        + "keeps the nexthop, and with it its device: \"waiting for dummy0 to become free\". "
                        + "706ec9191646 does the source check before taking the reference.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        if (ctx.buggy()) {
            ip.ip6Route().setNexthopRef(Ip6Route.NexthopRef.BEFORE_SOURCE_CHECK);
        }
        Net net = ctx.net();
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.linkSet("dummy0", true);
        ctx.ip("ip -6 addr add 2001:db8:1::1/64 dev dummy0",
                () -> ip.inet6().inet6RtmNewaddr(net, "dummy0", "2001:db8:1::1/64"));
        NexthopRequest nh = NexthopRequest.id(1, "dummy0").via("2001:db8:1::2");
        ctx.ip("ip -6 nexthop add " + nh, () -> ip.nexthops().rtmNewNexthop(net, nh));
        RouteRequest used = RouteRequest.to("2001:db8:9::/48").nhid(1);
        ctx.ip("ip -6 route add " + used, () -> ip.ip6Route().inet6RtmNewroute(net, used));
        RouteRequest sourced = RouteRequest.to("2001:db8:8::/48").from("2001:db8:5::/64").nhid(1);
        ctx.ip("ip -6 route add " + sourced, () -> ip.ip6Route().inet6RtmNewroute(net, sourced));
        ctx.ip("ip -6 route del 2001:db8:9::/48", () -> ip.ip6Route().inet6RtmDelroute(net, RouteRequest.to(
                "2001:db8:9::/48")));
        ctx.linkDel("dummy0");
    }
}
