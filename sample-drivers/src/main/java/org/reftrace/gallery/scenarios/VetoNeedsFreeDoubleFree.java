package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Set;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.gallery.Variant;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.Quirk;

/** 766b0515d5be "net: make sure devices go through netdev_wait_all_refs" (the seed's series). */
public final class VetoNeedsFreeDoubleFree extends AbstractScenario {

    public VetoNeedsFreeDoubleFree() {
        super("veto-needs-free-double-free", List.of("766b0515d5be"), Outcome.DOUBLE_FREE,
                "VetoNeedsFreeDoubleFree.run",
                "needs_free_netdev = true; if (register_netdevice()) { rtnl_unlock(); free_netdev(); } frees twice",
                "The series sends a NETDEV_REGISTER veto through the full unregister and the todo list, so the "
                        + "device goes through netdev_wait_all_refs. But a driver that set needs_free_netdev before "
                        + "registering would then be freed by the todo runner at rtnl_unlock(), and again by its "
                        + "own free_netdev() on the error path. The series therefore clears needs_free_netdev when "
                        + "registration fails: the caller's free_netdev() is the only one.");
    }

    @Override
    public Set<Quirk> quirks(Variant variant) {
        return variant == Variant.BUGGY ? Set.of(Quirk.VETO_KEEPS_NEEDS_FREE_NETDEV) : Set.of();
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.say("# a subsystem refuses eth0 in its NETDEV_REGISTER handler");
        ctx.veto(NetdevEvent.REGISTER, "eth0");
        NetDevice dev = allocNetdev(ctx.net(), "eth0", null, null);
        ctx.say("# dev->needs_free_netdev = true; if (register_netdevice(dev)) { rtnl_unlock(); free_netdev(dev); }");
        dev.setNeedsFreeNetdev(true);
        rtnlLock(ctx.kernel());
        if (registerNetdevice(dev) != 0) {
            rtnlUnlock(ctx.kernel());
            freeNetdev(dev);
            return;
        }
        rtnlUnlock(ctx.kernel());
    }
}
