package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Set;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.gallery.Variant;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.Quirk;
import org.reftrace.stack.Inet;

/** 10cc514f451a "net: Fix null de-reference of device refcount" (2019). */
public final class RollbackRcuPutAfterFree extends AbstractScenario {

    public RollbackRcuPutAfterFree() {
        super("rollback-rcu-put-after-free", List.of("10cc514f451a"), Outcome.USE_AFTER_FREE, "InDevice.finishDestroy",
                "an RCU callback queued by NETDEV_UNREGISTER puts the device after the driver freed it",
                "IPv4 holds every registered device through its in_device and, on NETDEV_UNREGISTER, puts that "
                        + "reference from an RCU callback. When a later notifier vetoed NETDEV_REGISTER, "
                        + "rollback_registered() sent NETDEV_UNREGISTER and returned at once; the driver called "
                        + "free_netdev(), which freed the refcount; after the grace period the callback's dev_put() "
                        + "dereferenced it (a NULL pointer dereference in the per-CPU kernel, a use after free in "
                        + "general). 10cc514f451a made the rollback wait with rcu_barrier() before the device may "
                        + "be freed. (This era also lacked 814152a89ed5's kobject_put, so the memory leaks too; the "
                        + "fixed variant has both fixes.)");
    }

    @Override
    public Set<Quirk> quirks(Variant variant) {
        return variant == Variant.BUGGY
                ? Set.of(Quirk.REGISTER_VETO_ROLLBACK, Quirk.ROLLBACK_WITHOUT_RCU_BARRIER,
                        Quirk.ROLLBACK_WITHOUT_KOBJECT_PUT, Quirk.STRICT_FREE_NETDEV)
                : Set.of(Quirk.REGISTER_VETO_ROLLBACK, Quirk.STRICT_FREE_NETDEV);
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Inet());
        ctx.say("# IPv4 holds eth0 from NETDEV_REGISTER; a later subsystem refuses eth0");
        ctx.veto(NetdevEvent.REGISTER, "eth0");
        NetDevice dev = allocNetdev(ctx.net(), "eth0", null, null);
        ctx.say("$ modprobe examplenic    # probe: register_netdev(), free_netdev() on failure");
        int err = registerNetdev(dev);
        if (err != 0) {
            ctx.say("examplenic: register_netdev failed: " + Errno.name(err) + "; freeing the device");
            freeNetdev(dev);
        }
        ctx.say("# an RCU grace period ends; pending callbacks: " + ctx.kernel().rcu().pendingCallbacks());
        ctx.kernel().rcu().gracePeriod();
    }
}
