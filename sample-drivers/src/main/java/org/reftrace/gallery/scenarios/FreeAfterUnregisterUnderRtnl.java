package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Set;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.gallery.Variant;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.Quirk;

/** c269a24ce057 "net: make free_netdev() more lenient with unregistering devices" (the seed's series). */
public final class FreeAfterUnregisterUnderRtnl extends AbstractScenario {

    public FreeAfterUnregisterUnderRtnl() {
        super("free-after-unregister-under-rtnl", List.of("c269a24ce057"), Outcome.KERNEL_BUG,
                "FreeAfterUnregisterUnderRtnl.run",
                "free_netdev() right after unregister_netdevice() under rtnl frees a device still unregistering",
                "unregister_netdevice() only does half the job: the device stays UNREGISTERING until rtnl_unlock() "
                        + "runs the todo list. A driver that freed right after it, still under rtnl, hit the BUG_ON "
                        + "in free_netdev(). The series made free_netdev() lenient: for an UNREGISTERING device it "
                        + "only sets needs_free_netdev, and the todo runner frees the device after the reference "
                        + "wait.");
    }

    @Override
    public Set<Quirk> quirks(Variant variant) {
        return variant == Variant.BUGGY ? Set.of(Quirk.STRICT_FREE_NETDEV) : Set.of();
    }

    @Override
    public void run(ScenarioContext ctx) {
        NetDevice dev = Dummy.probe(ctx.net(), "eth0");
        ctx.say("# the driver's remove path: rtnl_lock(); unregister_netdevice(); free_netdev(); rtnl_unlock();");
        rtnlLock(ctx.kernel());
        try {
            unregisterNetdevice(dev);
            freeNetdev(dev);
        } finally {
            rtnlUnlock(ctx.kernel());
        }
    }
}
