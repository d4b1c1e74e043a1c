package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.inet.OtherCpu;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.stack.Inet6;
import org.reftrace.stack.IpStack;

/**
 * 751eb6b6042a "ipv6: addrconf: fix dev refcont leak when DAD failed" (2016), fixing c15b1ccadb32 "ipv6: move
 * DAD and addrconf_verify processing to workqueue". An address → inet6_dev → device chain, with references
 * taken on two CPUs.
 */
public final class DadFailureIfaLeak extends AbstractScenario {

    public DadFailureIfaLeak() {
        super("dad-failure-ifa-leak", List.of("751eb6b6042a", "c15b1ccadb32"), Outcome.HANG, "Ndisc.ndiscRecvNs",
                "two duplicate-address solicitations before the DAD work runs leak a reference on the address, "
                        + "which pins inet6_dev and the device",
                "ndisc_recv_ns() looks the solicited address up with a reference and, for a tentative address, "
                        + "calls addrconf_dad_failure(), which kept that reference for the DAD work: the work's "
                        + "addrconf_dad_stop() consumed a reference it never took. That balances when each failure "
                        + "runs the work once. Two solicitations for the same address arriving on two CPUs before the "
                        + "work runs queue it only once: one lookup reference is never consumed. The address stays "
                        + "alive after the device deletes it, holding its inet6_dev, which holds the device: "
                        + "\"waiting for dummy0 to become free\". 751eb6b6042a makes addrconf_dad_failure() put its "
                        + "reference and the work hold one before stopping DAD.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        Inet6 inet6 = ip.inet6();
        if (ctx.buggy()) {
            inet6.setDadFailureRef(Inet6.DadFailureRef.KEPT_FOR_DAD_STOP);
        }
        Net net = ctx.net();
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.ip("sysctl -w net.ipv6.conf.dummy0.accept_dad=1", () -> inet6.setAcceptDad(net, "dummy0", true));
        ctx.linkSet("dummy0", true);
        NetDevice dummy0 = ctx.device("dummy0");
        ctx.ip("ip -6 addr add 2001:db8::1/64 dev dummy0",
                () -> inet6.inet6RtmNewaddr(net, "dummy0", "2001:db8::1/64"));
        ctx.ip("ip -6 addr add 2001:db8::2/64 dev dummy0",
                () -> inet6.inet6RtmNewaddr(net, "dummy0", "2001:db8::2/64"));
        ctx.say("# another host uses 2001:db8::1: two of its solicitations arrive on two CPUs before DAD runs");
        OtherCpu.run("ksoftirqd/0", () -> inet6.ndisc().ndiscRecvNs(dummy0, "2001:db8::1"));
        OtherCpu.run("ksoftirqd/1", () -> inet6.ndisc().ndiscRecvNs(dummy0, "2001:db8::1"));
        ctx.say("# addrconf_wq runs: DAD stops for 2001:db8::1 (dadfailed) and completes for 2001:db8::2");
        inet6.addrconfWq().flush();
        ctx.linkDel("dummy0");
    }
}
