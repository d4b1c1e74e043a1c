package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.Rt6Info;
import org.reftrace.inet.Sock;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.stack.IpStack;
import org.reftrace.stack.Ip6Route;
import org.reftrace.stack.RouteRequest;
import org.reftrace.stack.Tcp;

/**
 * 3301ab7d5aeb "net/ipv6: release expired exception dst cached in socket" (2024), which fixes 92f1655aa2b2
 * "net: fix __dst_negative_advice() race" and 54c1a859efd9 "ipv6: Don't drop cache route entry unless timer
 * actually expired.". A socket → dst → {@code lo} chain: the culprit is one of three sockets' route handling.
 */
public final class NegativeAdviceDstLeak extends AbstractScenario {

    public NegativeAdviceDstLeak() {
        super("negative-advice-dst-leak", List.of("3301ab7d5aeb", "92f1655aa2b2"), Outcome.HANG,
                "Ip6Route.ip6NegativeAdvice",
                "ip6_negative_advice() takes a dst reference to counteract sk_dst_reset() and purges the exception: "
                        + "the dst leaks and pins lo",
                "An ICMPv6 \"packet too big\" makes the kernel learn an exception route for one destination; two TCP "
                        + "connections to it cache that dst, a third caches the ordinary route. The exception expires "
                        + "and the first connection's retransmissions time out: ip6_negative_advice() took a dst_hold() "
                        + "\"to counteract the dst_release() in sk_dst_reset()\", reset the socket's dst and removed "
                        + "the exception, which points it at lo and drops the table's reference. Nobody owns the "
                        + "counteracting reference: after every socket is closed the dst lives on, holding lo (and "
                        + "lo's inet6_dev), so deleting the namespace waits forever for lo to become free. "
                        + "3301ab7d5aeb drops the dst_hold(): the socket's own reference is the one released.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        Tcp tcp = ctx.load(new Tcp(ip));
        if (ctx.buggy()) {
            ip.ip6Route().setNegativeAdvice(Ip6Route.NegativeAdvice.HOLD_THEN_RESET);
        }
        Net ns = ctx.netnsAdd("ns1");
        ctx.linkAdd(ns, "dummy", LinkAttrs.named("dummy0"));
        ctx.linkSet(ns, "dummy0", true);
        ctx.ip("ip -n ns1 -6 addr add 2001:db8:1::1/64 dev dummy0",
                () -> ip.inet6().inet6RtmNewaddr(ns, "dummy0", "2001:db8:1::1/64"));
        RouteRequest route = RouteRequest.to("2001:db8:9::/48").via("2001:db8:1::2").dev("dummy0");
        ctx.ip("ip -n ns1 -6 route add " + route, () -> ip.ip6Route().inet6RtmNewroute(ns, route));
        ctx.say("# ICMPv6 packet too big for 2001:db8:9::5: the path MTU is learned as an exception route");
        Rt6Info exception = ip.ip6Route().rt6UpdatePmtu(ns, IpAddr.of("2001:db8:9::5"));
        ctx.say("# three TCP connections: two to 2001:db8:9::5 (through the exception), one to 2001:db8:9::6");
        Sock first = tcp.connect(ns, "2001:db8:9::5");
        Sock second = tcp.connect(ns, "2001:db8:9::5");
        Sock third = tcp.connect(ns, "2001:db8:9::6");
        ctx.say("# the exception expires before the FIB garbage collector runs");
        exception.expire();
        ctx.say("# the first connection's retransmissions time out: tcp_write_timeout() -> ip6_negative_advice()");
        tcp.tcpWriteTimeout(first);
        ctx.say("# the applications close their sockets");
        tcp.close(first);
        tcp.close(second);
        tcp.close(third);
        ctx.netnsDel(ns);
    }
}
