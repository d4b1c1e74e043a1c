package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.NetDevice;
import org.reftrace.stack.IpStack;
import org.reftrace.stack.Mcast6;

/**
 * 3e7d18b9dca3 "net: mld: fix reference count leak in mld_{query | report}_work()" (2022). A reference taken on
 * one thread (a softirq queueing work) that the worker thread forgets to drop.
 */
public final class MldQueryWorkLeak extends AbstractScenario {

    public MldQueryWorkLeak() {
        super("mld-query-work-leak", List.of("3e7d18b9dca3"), Outcome.HANG, "MldQueryWork.igmp6EventQuery",
                "mld_query_work() re-queues itself and keeps its inet6_dev reference although a query already "
                        + "queued it with another",
                "Each MLD query received queues mld_query_work, which holds the device's inet6_dev while queued: "
                        + "igmp6_event_query() takes the reference when mod_delayed_work() says the work was idle. The "
                        + "work handles eight queries a run; with more left it called schedule_delayed_work() and kept "
                        + "its reference for the next run. But a query that arrives while the work runs finds it idle "
                        + "and queues it with a reference of its own; the work's re-queue then does nothing, and its "
                        + "reference is never dropped. One inet6_dev reference leaks, and so does the device: "
                        + "\"waiting for dummy0 to become free\". 3e7d18b9dca3 drops the reference unless the work's "
                        + "own queue_delayed_work() is what queued it again.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        Mcast6 mcast = ip.inet6().mcast();
        if (ctx.buggy()) {
            mcast.setQueryRework(Mcast6.QueryRework.REQUEUE_AND_KEEP);
        }
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.linkSet("dummy0", true);
        NetDevice dummy0 = ctx.device("dummy0");
        ctx.say("# an MLD querier sends nine queries: the first queues mld_query_work, holding inet6_dev(dummy0)");
        for (int i = 0; i < 9; i++) {
            mcast.igmp6EventQuery(dummy0);
        }
        ctx.say("# while the work runs on its kworker, a tenth query arrives on CPU1");
        mcast.whileNextQueryWorkRuns(() -> mcast.igmp6EventQuery(dummy0));
        ctx.say("# mld_query_work handles eight queries, queues itself for the rest, and runs again");
        mcast.mldWq().flush();
        ctx.linkDel("dummy0");
    }
}
