package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.inet.Addrconf;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.stack.Inet6;
import org.reftrace.stack.IpStack;

/**
 * 06a0716949c2 "ipv6/addrconf: fix a potential refcount underflow for idev" (2023). A put on another thread (the
 * timer's softirq) without the hold that should have paid for it.
 */
public final class RsTimerIdevUnderflow extends AbstractScenario {

    public RsTimerIdevUnderflow() {
        super("rs-timer-idev-underflow", List.of("06a0716949c2"), Outcome.REFCOUNT_UNDERFLOW,
                "RsTimer.addrconfRsTimer",
                "addrconf_mod_rs_timer() checks timer_pending() before mod_timer(): a timer that fires in between "
                        + "is re-armed without a reference",
                "The router solicitation timer holds the device's inet6_dev while pending: addrconf_mod_rs_timer() "
                        + "took the reference if timer_pending() said no, then called mod_timer(). Setting a token "
                        + "(ip token set) re-solicits while the timer is still pending, so no reference is taken; if "
                        + "the timer fires on another CPU in that window (a router has answered, so it does not re-arm "
                        + "itself) its callback drops the timer's reference, and mod_timer() then arms the timer "
                        + "again with none. Its next run puts a reference nobody took: the inet6_dev's count is one "
                        + "short, it is \"freed\" while alive when its last address goes, and the device's final "
                        + "in6_dev_put() underflows. 06a0716949c2 holds only if mod_timer() says the timer was idle, "
                        + "atomically.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        Inet6 inet6 = ip.inet6();
        if (ctx.buggy()) {
            inet6.setRsTimerRef(Inet6.RsTimerRef.IF_NOT_PENDING_BEFORE);
        }
        Net net = ctx.net();
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.ip("sysctl -w net.ipv6.conf.dummy0.accept_dad=1", () -> inet6.setAcceptDad(net, "dummy0", true));
        ctx.linkSet("dummy0", true);
        NetDevice dummy0 = ctx.device("dummy0");
        ctx.ip("ip -6 addr add fe80::1/64 dev dummy0", () -> inet6.inet6RtmNewaddr(net, "dummy0", "fe80::1/64"));
        ctx.say("# duplicate address detection completes: the link-local address is usable and router solicitation "
                + "starts, its timer holding inet6_dev(dummy0)");
        inet6.addrconfWq().flush();
        ctx.say("# a router advertisement arrives");
        inet6.ndisc().ndiscRouterDiscovery(dummy0);
        ctx.say("# CPU0 sets a token while the solicitation timer fires on CPU1, right after CPU0's timer_pending()");
        inet6.rsTimer(Addrconf.__in6DevGet(dummy0)).timer().expireRightAfterNextPendingCheck();
        ctx.ip("ip token set ::1/64 dev dummy0", () -> inet6.inet6SetIftoken(net, "dummy0", "::1/64"));
        ctx.say("# the re-armed solicitation timer expires");
        inet6.timers().runTimers();
        ctx.linkDel("dummy0");
    }
}
