package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.reftrace.drivers.Dummy;
import org.reftrace.drivers.Veth;
import org.reftrace.drivers.Vlan;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.stack.Inet;
import org.reftrace.stack.PacketSocket;
import org.reftrace.stack.RouteCache;

/**
 * A long-running workload: threads keep creating, using and deleting dummy, vlan and veth devices, with
 * routes, sockets and IPv4 state holding them, and (buggy) leak one reference every {@value #LEAK_EVERY}
 * iterations. For attaching to a running JVM and for benchmarks.
 */
public final class Churn extends AbstractScenario {
    static final int LEAK_EVERY = 40;
    static final int THREADS = 2;

    /** User code: samples a device's counters by name; forgets the put every so often when buggy. */
    public static final class StatsCollector {
        private final AtomicLong samples = new AtomicLong();

        void sample(Net net, String name, boolean leak) {
            NetDevice dev = devGetByName(net, name);
            if (dev != null) {
                samples.incrementAndGet();
                if (!leak) {
                    devPut(dev);
                }
            }
        }
    }

    public Churn() {
        super("churn", List.of(), Outcome.HANG,
                "devices created, used and deleted on " + THREADS + " threads; one reference leaks every "
                        + LEAK_EVERY + " iterations",
                "Not a historical bug but a workload: each iteration adds a dummy device, a vlan on it and a veth "
                        + "pair, routes through them, binds a packet socket, samples counters, then deletes "
                        + "everything. The buggy variant's statistics collector forgets one dev_put() every "
                        + LEAK_EVERY + " iterations, so that device's deletion hangs (until the model's escape) while "
                        + "the rest carries on. It runs until stopped or for --duration.");
    }

    @Override
    public boolean isLongRunning() {
        return true;
    }

    @Override
    public void run(ScenarioContext ctx) throws InterruptedException {
        ctx.load(new Dummy());
        ctx.load(new Veth());
        ctx.load(new Vlan());
        ctx.load(new Inet());
        RouteCache routes = ctx.load(new RouteCache());
        PacketSocket.Family packet = ctx.load(new PacketSocket.Family());
        StatsCollector stats = new StatsCollector();
        AtomicLong iterations = new AtomicLong();
        Duration duration = ctx.duration();
        long deadline = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        ctx.say("# churn: " + THREADS + " threads, " + (duration.isZero() ? "until stopped" : "for " + duration));
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                // a buggy run leaks at least once, however short the duration and however slow the machine
                int atLeast = ctx.buggy() ? LEAK_EVERY : 0;
                for (int i = 0; (i < atLeast || System.nanoTime() < deadline)
                        && !Thread.currentThread().isInterrupted(); i++) {
                    boolean leak = ctx.buggy() && i % LEAK_EVERY == LEAK_EVERY - 1;
                    iterate(ctx.net(), id, i, routes, packet, stats, leak);
                    iterations.incrementAndGet();
                }
            }, "churn-" + t);
            workers.add(worker);
            worker.start();
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } finally {
            workers.forEach(Thread::interrupt);
        }
        ctx.say("# churn: " + iterations.get() + " iterations, " + stats.samples.get() + " samples");
    }

    private static void iterate(Net net, int thread, int i, RouteCache routes, PacketSocket.Family packet,
            StatsCollector stats, boolean leak) {
        String dummy = "d" + thread + "_" + i % 1000;
        String vlan = dummy + ".7";
        String veth = "v" + thread + "_" + i % 1000;
        if (rtnlNewlink(net, "dummy", LinkAttrs.named(dummy)) != 0) {
            return;
        }
        rtnlNewlink(net, "vlan", LinkAttrs.named(vlan).withLink(dummy).with("id", "7"));
        rtnlNewlink(net, "veth", LinkAttrs.named(veth + "a").with("peer", veth + "b"));
        NetDevice dev = devGetByName(net, dummy);
        if (dev != null) {
            routes.routeOutput("10." + thread + ".0." + i % 50, dev);
            devPut(dev);
        }
        NetDevice vlanDev = devGetByName(net, vlan);
        if (vlanDev != null) {
            PacketSocket socket = packet.socket();
            socket.bind(vlanDev);
            devPut(vlanDev);
            socket.close();
        }
        stats.sample(net, dummy, leak);
        rtnlDellink(net, veth + "a");
        rtnlDellink(net, dummy);
    }
}
