package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.stack.Ioam6Iptunnel;
import org.reftrace.stack.IpStack;
import org.reftrace.stack.RouteRequest;

/**
 * 92191dd10730 "net: ipv6: fix dst ref loops in rpl, seg6 and ioam6 lwtunnels" (2025). Two objects that hold each
 * other: a dst and the tunnel state whose cache holds it.
 */
public final class LwtunnelDstCacheLoop extends AbstractScenario {

    public LwtunnelDstCacheLoop() {
        super("lwtunnel-dst-cache-loop", List.of("92191dd10730"), Outcome.HANG, "Ioam6Iptunnel.ioam6Output",
                "an ioam6 tunnel caches the packet's own dst in its own state: the two hold each other and pin lo",
                "Some light-weight tunnels (ioam6, rpl, seg6) cache the dst of the packet after encapsulation. In "
                        + "inline mode the destination does not change, so the route looked up again is the one the "
                        + "packet came with, and that dst holds the tunnel's state (dst->lwtstate). Caching it makes "
                        + "the state hold the dst that holds the state: when the route is deleted, neither is ever "
                        + "freed. The dst is pointed at lo with its route, and deleting the namespace waits for lo "
                        + "forever (the leak was found by kmemleak in the ioam6.sh selftest). 92191dd10730 does not "
                        + "cache a dst whose lwtstate is the tunnel's own.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        Ioam6Iptunnel ioam6 = new Ioam6Iptunnel(ip.ip6Route());
        if (ctx.buggy()) {
            ioam6.setCacheOwnDst(Ioam6Iptunnel.CacheOwnDst.ALWAYS);
        }
        Net ns = ctx.netnsAdd("ns1");
        ctx.linkAdd(ns, "dummy", LinkAttrs.named("dummy0"));
        ctx.linkSet(ns, "dummy0", true);
        ctx.ip("ip -n ns1 -6 addr add 2001:db8:1::1/64 dev dummy0",
                () -> ip.inet6().inet6RtmNewaddr(ns, "dummy0", "2001:db8:1::1/64"));
        RouteRequest encap = RouteRequest.to("2001:db8:9::/48").via("2001:db8:1::2").dev("dummy0");
        ctx.ip("ip -n ns1 -6 route add 2001:db8:9::/48 encap ioam6 trace prealloc type 0x800000 ns 0 size 12 via "
                + "2001:db8:1::2 dev dummy0", () -> ioam6.addRoute(ns, encap));
        RouteRequest plain = RouteRequest.to("2001:db8:8::/48").via("2001:db8:1::2").dev("dummy0");
        ctx.ip("ip -n ns1 -6 route add " + plain, () -> ip.ip6Route().inet6RtmNewroute(ns, plain));
        ctx.say("# packets to 2001:db8:9::5 get an IOAM header; packets to 2001:db8:8::5 go out plain");
        for (int i = 0; i < 2; i++) {
            ioam6.send(ns, "2001:db8:9::5");
            ioam6.send(ns, "2001:db8:8::5");
        }
        ctx.netnsDel(ns);
    }
}
