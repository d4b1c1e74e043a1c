package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Set;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.gallery.Variant;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Kmem;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.Quirk;

/** cf124db566e6 "net: Fix inconsistent teardown and release of private netdev state." (2017). */
public final class DestructorSplitLeak extends AbstractScenario {

    public DestructorSplitLeak() {
        super("destructor-split-leak", List.of("cf124db566e6"), Outcome.MEMORY_LEAK, "DestructorSplitLeak.run",
                "private state freed only by the old dev->destructor leaks when registration fails",
                "Before 2017 a driver freed its private state in dev->destructor, which also freed the device and "
                        + "ran only from the todo list after a successful registration. When register_netdevice() "
                        + "failed, the driver could only call free_netdev(), which knows nothing of the private "
                        + "state: it leaked (and drivers that tried to free it themselves double freed). "
                        + "cf124db566e6 split the job: priv_destructor frees private state (and register's error "
                        + "path runs it too), needs_free_netdev says whether the core frees the device.");
    }

    @Override
    public Set<Quirk> quirks(Variant variant) {
        return variant == Variant.BUGGY ? Set.of(Quirk.LEGACY_DESTRUCTOR, Quirk.STRICT_FREE_NETDEV) : Set.of();
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.say("# a subsystem refuses eth0 at NETDEV_POST_INIT, before it is visible");
        ctx.veto(NetdevEvent.POST_INIT, "eth0");
        NetDevice dev = allocNetdev(ctx.net(), "eth0", null, null);
        Kmem.Allocation rings = ctx.kernel().kmem().kmalloc("examplenic rx/tx rings");
        if (ctx.buggy()) {
            dev.setLegacyDestructor(d -> {
                rings.kfree();
                freeNetdev(d);
            });
        } else {
            dev.setPrivDestructor(d -> rings.kfree());
        }
        ctx.say("$ modprobe examplenic    # probe: allocate rings, register_netdev(), free_netdev() on failure");
        int err = registerNetdev(dev);
        if (err != 0) {
            ctx.say("examplenic: register_netdev failed: " + Errno.name(err) + "; freeing the device");
            freeNetdev(dev);
        }
    }
}
