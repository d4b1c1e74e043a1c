package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.Scenario;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.NetdevTracker;
import org.reftrace.stack.PacketSocket;

/** One netdevice_tracker shared by many holders (lifecycle §7). */
public final class SharedTracker implements Scenario {

    @Override
    public String name() {
        return "shared-tracker";
    }

    @Override
    public List<String> commits() {
        return List.of();
    }

    @Override
    public String title() {
        return "two sockets store their references in one tracker: puts pair with the wrong holds";
    }

    @Override
    public String explanation() {
        return "A netdevice_tracker records one reference. Code that keeps one tracker for many holders (here, "
                + "two packet sockets bound to dummy0) overwrites the first socket's tracker with the second's; "
                + "the first close releases the second socket's tracker, the second close releases it again: "
                + "\"reference already released\", and the first socket's tracker stays live, reported as a leaked "
                + "reference when the device is freed, although the count itself balances. Fix: one tracker per "
                + "holder.";
    }

    @Override
    public Outcome buggyOutcome() {
        return Outcome.REFERENCE_ALREADY_RELEASED;
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        PacketSocket.Family packet = ctx.load(new PacketSocket.Family());
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        NetdevTracker shared = new NetdevTracker();
        PacketSocket first = ctx.buggy() ? packet.socket(shared) : packet.socket();
        PacketSocket second = ctx.buggy() ? packet.socket(shared) : packet.socket();
        ctx.say("# two AF_PACKET sockets bind to dummy0, then close");
        first.bind(ctx.device("dummy0"));
        second.bind(ctx.device("dummy0"));
        first.close();
        second.close();
        ctx.linkDel("dummy0");
    }
}
