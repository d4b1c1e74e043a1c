package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.stack.Fib6Rules;
import org.reftrace.stack.IpStack;
import org.reftrace.stack.RouteRequest;

/**
 * cdef485217d3 "ipv6: fix memory leak in fib6_rule_suppress" (2021), fixing ca7a03c41753 "ipv6: do not free rt if
 * FIB_LOOKUP_NOREF is set on suppress rule". One dst leaked per packet, among lookups that release correctly.
 */
public final class Fib6RuleSuppressDstLeak extends AbstractScenario {

    public Fib6RuleSuppressDstLeak() {
        super("fib6-rule-suppress-dst-leak", List.of("cdef485217d3", "ca7a03c41753"), Outcome.HANG,
                "Fib6Rules.fib6RuleAction",
                "a route a suppress_prefixlength rule rejects keeps the reference its lookup took: one dst per "
                        + "packet, pinning lo",
                "wg-quick adds \"ip -6 rule add table main suppress_prefixlength 0\". Each rule's action looks its "
                        + "table up, taking a dst reference unless the caller asked for none "
                        + "(RT6_LOOKUP_F_DST_NOREF); fib6_rule_suppress() must drop it when it rejects the result. It "
                        + "checked the generic FIB_LOOKUP_NOREF flag instead, which fib6_rule_lookup() always sets, "
                        + "so it never did. Packet routing asks for no reference and is unaffected; an nftables fib "
                        + "expression asks for one, and every packet it checks leaks a reference on the default "
                        + "route's dst. When the namespace goes the dst is pointed at lo and lives on: \"waiting for "
                        + "lo to become free\". cdef485217d3 passes the IPv6 lookup flags to the suppress function.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        Fib6Rules rules = new Fib6Rules(ip.ip6Route());
        if (ctx.buggy()) {
            rules.setSuppressPut(Fib6Rules.SuppressPut.GENERIC_ARG_FLAGS);
        }
        Net ns = ctx.netnsAdd("ns1");
        ctx.linkAdd(ns, "dummy", LinkAttrs.named("dummy0"));
        ctx.linkSet(ns, "dummy0", true);
        ctx.ip("ip -n ns1 -6 addr add 2001:db8:1::1/64 dev dummy0",
                () -> ip.inet6().inet6RtmNewaddr(ns, "dummy0", "2001:db8:1::1/64"));
        RouteRequest defaultRoute = RouteRequest.to("default").via("2001:db8:1::2").dev("dummy0");
        ctx.ip("ip -n ns1 -6 route add " + defaultRoute, () -> ip.ip6Route().inet6RtmNewroute(ns, defaultRoute));
        ctx.ip("ip -n ns1 -6 rule add table main suppress_prefixlength 0", () -> rules.fibNlNewrule(ns, 0));
        ctx.say("$ ip netns exec ns1 nft add rule inet test prerouting meta nfproto ipv6 fib saddr . mark . iif oif "
                + "missing drop");
        ctx.say("# three packets to 2001:db8:9::5 arrive: nft's fib expression looks their route up with a reference, "
                + "then they are routed without one");
        for (int i = 0; i < 3; i++) {
            rules.nftFib6Eval(ns, "2001:db8:9::5");
            rules.ip6RouteInput(ns, "2001:db8:9::5");
        }
        ctx.netnsDel(ns);
    }
}
