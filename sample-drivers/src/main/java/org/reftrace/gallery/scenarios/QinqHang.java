package org.reftrace.gallery.scenarios;

import java.util.List;
import java.util.Set;
import org.reftrace.drivers.Dummy;
import org.reftrace.drivers.Vlan;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.gallery.Variant;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Quirk;

/** d6ff94afd90b "vlan: move dev_put into vlan_dev_uninit" (2022); the core side: faab39f63c1f. */
public final class QinqHang extends AbstractScenario {

    public QinqHang() {
        super("qinq-hang", List.of("d6ff94afd90b", "faab39f63c1f"), Outcome.HANG, "Vlan$1.ndoInit",
                "stacked vlans: dummy0.1 waits for dummy0.1.2, which lets go of it only after its own wait",
                "With QinQ, dummy0.1.2 is a vlan on the vlan dummy0.1 and holds it. Unloading 8021q unregisters "
                        + "both in one batch, dummy0.1 first. The vlan put its real device only in its "
                        + "priv_destructor, which runs after the device's own reference wait; with the todo list "
                        + "completed strictly in order, dummy0.1 waits for a reference that dummy0.1.2 drops only "
                        + "once dummy0.1 is done: \"waiting for dummy0.1 to become free\" forever. d6ff94afd90b "
                        + "drops the reference in ndo_uninit, before any wait; faab39f63c1f lets the todo runner "
                        + "complete devices in any order. The fixed variant keeps in-order completion to show the "
                        + "driver fix alone suffices.");
    }

    @Override
    public Set<Quirk> quirks(Variant variant) {
        return Set.of(Quirk.IN_ORDER_COMPLETION);
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        Vlan vlan = ctx.load(ctx.buggy() ? new Vlan(Vlan.RealDevRef.HOLD_IN_INIT_PUT_IN_DESTRUCTOR) : new Vlan());
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.linkAdd("vlan", LinkAttrs.named("dummy0.1").withLink("dummy0").with("id", "1"));
        ctx.linkAdd("vlan", LinkAttrs.named("dummy0.1.2").withLink("dummy0.1").with("id", "2"));
        ctx.unload(vlan);
        ctx.linkDel("dummy0");
    }
}
