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

/** 814152a89ed5 "net: fix memleak in register_netdevice()" (2020). */
public final class RollbackKobjectLeak extends AbstractScenario {

    public RollbackKobjectLeak() {
        super("rollback-kobject-leak", List.of("814152a89ed5"), Outcome.MEMORY_LEAK, "RollbackKobjectLeak.run",
                "the veto rollback never drops the sysfs kobject reference: the device's memory is never released",
                "Since 93ee31f14f6f a NETDEV_REGISTER veto unwound with rollback_registered(), which removes the "
                        + "device from sysfs and so takes a kobject reference that only netdev_run_todo() drops. "
                        + "The rollback never goes through the todo list, so after the driver's free_netdev() one "
                        + "kobject reference is left and the net_device is never released (kmemleak). 814152a89ed5 "
                        + "added the missing kobject_put() to the rollback.");
    }

    @Override
    public Set<Quirk> quirks(Variant variant) {
        return variant == Variant.BUGGY
                ? Set.of(Quirk.REGISTER_VETO_ROLLBACK, Quirk.ROLLBACK_WITHOUT_KOBJECT_PUT, Quirk.STRICT_FREE_NETDEV)
                : Set.of(Quirk.REGISTER_VETO_ROLLBACK, Quirk.STRICT_FREE_NETDEV);
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.say("# a subsystem refuses eth0 in its NETDEV_REGISTER handler");
        ctx.veto(NetdevEvent.REGISTER, "eth0");
        NetDevice dev = allocNetdev(ctx.net(), "eth0", null, null);
        ctx.say("$ modprobe examplenic    # probe: register_netdev(), free_netdev() on failure");
        int err = registerNetdev(dev);
        if (err != 0) {
            ctx.say("examplenic: register_netdev failed: " + Errno.name(err) + "; freeing the device");
            freeNetdev(dev);
        }
        ctx.say("# kobject references left on eth0: " + dev.kobjectRefs());
    }
}
