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

/** 93ee31f14f6f "[NET]: Fix free_netdev on register_netdev failure." (2007). */
public final class RegisterVetoDoubleFree extends AbstractScenario {

    public RegisterVetoDoubleFree() {
        super("register-veto-double-free", List.of("93ee31f14f6f"), Outcome.DOUBLE_FREE, "RegisterVetoDoubleFree.run",
                "a NETDEV_REGISTER veto unregisters the device, whose destructor frees it; the driver frees it again",
                "A notifier refuses the new device in NETDEV_REGISTER. The 2007 kernel unwound with a full "
                        + "unregister_netdevice(): the todo list ran the driver's dev->destructor, which called "
                        + "free_netdev(). register_netdev() then returned the error and the driver, as every driver "
                        + "does, called free_netdev() on failure: a double free. 93ee31f14f6f unwound without the "
                        + "todo list instead (rollback_registered), which later leaked (814152a89ed5); today the "
                        + "unwind goes through the todo list again but no destructor frees the device "
                        + "(cf124db566e6) and needs_free_netdev is cleared (766b0515d5be), so the driver's "
                        + "free_netdev() is the only one.");
    }

    @Override
    public Set<Quirk> quirks(Variant variant) {
        return variant == Variant.BUGGY
                ? Set.of(Quirk.LEGACY_DESTRUCTOR, Quirk.VETO_KEEPS_NEEDS_FREE_NETDEV, Quirk.STRICT_FREE_NETDEV)
                : Set.of();
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.say("# a subsystem refuses eth0 in its NETDEV_REGISTER handler");
        ctx.veto(NetdevEvent.REGISTER, "eth0");
        NetDevice dev = allocNetdev(ctx.net(), "eth0", null, null);
        if (ctx.buggy()) {
            dev.setLegacyDestructor(d -> freeNetdev(d)); // 2007 drivers: dev->destructor = free_netdev
        }
        ctx.say("$ modprobe examplenic    # probe: register_netdev(), free_netdev() on failure");
        int err = registerNetdev(dev);
        if (err != 0) {
            ctx.say("examplenic: register_netdev failed: " + Errno.name(err) + "; freeing the device");
            freeNetdev(dev);
        }
    }
}
