package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.NetdevTracker;
import org.reftrace.stack.PacketSocket;

/** One netdevice_tracker shared by many holders (lifecycle §7). */
public final class SharedTracker extends AbstractScenario {

    public SharedTracker() {
        super("shared-tracker", List.of(), Outcome.REFERENCE_ALREADY_RELEASED, "PacketSocket.bind",
                "two sockets store their references in one tracker: puts pair with the wrong holds",
                "A netdevice_tracker records one reference. Code that keeps one tracker for many holders (here, two "
                        + "packet sockets bound to dummy0) overwrites the first socket's tracker with the second's; "
                        + "the first close releases the second socket's tracker, the second close releases it "
                        + "again: \"reference already released\", and the first socket's tracker stays live, "
                        + "reported as a leaked reference when the device is freed, although the count itself "
                        + "balances. Fix: one tracker per holder.");
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
