package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.stack.FlowOffload;
import org.reftrace.stack.IpStack;

/**
 * 26a302afbe32 "netfilter: nf_flow_table: fix netdev refcnt leak" (2019), fixing ac2a66665e23 "netfilter: add
 * generic flow table infrastructure". A route lookup's reference, among the flow's and the packets' own.
 */
public final class FlowOffloadDstLeak extends AbstractScenario {

    public FlowOffloadDstLeak() {
        super("flow-offload-dst-leak", List.of("26a302afbe32", "ac2a66665e23"), Outcome.HANG,
                "FlowOffload.nftFlowRoute",
                "offloading a connection keeps the reply route's lookup reference: the dst outlives its device "
                        + "and pins lo",
                "nft_flow_offload_eval() gets the two routes of a forwarded connection: the packet's own (which "
                        + "the packet holds) and the reply direction's, looked up by nft_flow_route() with a reference. "
                        + "flow_offload_alloc() takes a reference of its own on each for the flow table entry, which "
                        + "releases them when the flow is torn down; the lookup's reference had to be released after "
                        + "the flow was added, and only the error path did. Each offloaded connection leaks one "
                        + "reference on the reply route's dst. When the router namespace is deleted its routes are "
                        + "flushed and the dst pointed at lo, which it then pins: \"waiting for lo to become free\". "
                        + "26a302afbe32 adds the missing dst_release().");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        FlowOffload flows = ctx.load(new FlowOffload(ip.fib()));
        if (ctx.buggy()) {
            flows.setReplyRouteRef(FlowOffload.ReplyRouteRef.KEPT);
        }
        Net router = ctx.netnsAdd("router");
        for (String[] dev : new String[][] {{"dummy0", "10.1.0.1/24"}, {"dummy1", "10.2.0.1/24"}}) {
            ctx.linkAdd(router, "dummy", LinkAttrs.named(dev[0]));
            ctx.linkSet(router, dev[0], true);
            ctx.ip("ip -n router addr add " + dev[1] + " dev " + dev[0],
                    () -> ip.inet().inetRtmNewaddr(router, dev[0], dev[1]));
        }
        ctx.say("$ ip netns exec router nft add flowtable inet filter ft '{ hook ingress priority 0; devices = "
                + "{ dummy0, dummy1 }; }'");
        ctx.say("$ ip netns exec router nft add rule inet filter forward ip protocol tcp flow add @ft");
        ctx.say("# two connections to 10.2.0.2 are forwarded; the first packet of each offloads it, later ones find "
                + "it offloaded");
        flows.forward(router, "10.1.0.2", "10.2.0.2");
        flows.forward(router, "10.1.0.2", "10.2.0.2");
        flows.forward(router, "10.1.0.3", "10.2.0.2");
        ctx.netnsDel(router);
    }
}
