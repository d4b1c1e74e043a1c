package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.drivers.Vlan;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.NetdevEvent;

/** 01d9cc2dea3f "net: vlan: fix underflow for the real_dev refcnt" (2021). */
public final class VlanRefcountUnderflow extends AbstractScenario {

    public VlanRefcountUnderflow() {
        super("vlan-refcount-underflow", List.of("01d9cc2dea3f", "563bcbae3ba2"), Outcome.REFCOUNT_UNDERFLOW,
                "Vlan.vlanDevFree",
                "a failed vlan registration puts its real device in the destructor without ever holding it",
                "563bcbae3ba2 moved the vlan's dev_put(real_dev) into its priv_destructor, but the matching "
                        + "dev_hold() stayed in register_vlan_dev() after a successful register_netdevice(). When "
                        + "registration fails, the core still runs the priv_destructor, which puts a reference that "
                        + "was never taken: the real device's count is one short, underflows when it is deleted, "
                        + "and its unregistration waits for a count that can never come back. 01d9cc2dea3f takes "
                        + "the reference in ndo_init (today it is dropped in ndo_uninit, d6ff94afd90b), so every "
                        + "put has its hold.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        ctx.load(ctx.buggy() ? new Vlan(Vlan.RealDevRef.HOLD_AFTER_REGISTER_PUT_IN_DESTRUCTOR) : new Vlan());
        ctx.say("# fault injection: registration of dummy1.100 fails after the device was listed");
        ctx.veto(NetdevEvent.REGISTER, "dummy1.100");
        ctx.linkAdd("dummy", LinkAttrs.named("dummy1"));
        ctx.linkAdd("vlan", LinkAttrs.named("dummy1.100").withLink("dummy1").with("id", "100"));
        ctx.linkDel("dummy1");
    }
}
