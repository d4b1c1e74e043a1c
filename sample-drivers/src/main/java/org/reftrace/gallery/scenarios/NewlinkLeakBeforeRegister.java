package org.reftrace.gallery.scenarios;

import java.util.List;
import java.util.Set;
import org.reftrace.drivers.Vlan;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.gallery.Variant;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Quirk;

/** e51fb152318e "rtnetlink: fix a memory leak when ->newlink fails" (2014). */
public final class NewlinkLeakBeforeRegister extends AbstractScenario {

    public NewlinkLeakBeforeRegister() {
        super("newlink-leak-before-register", List.of("e51fb152318e", "0e0eee2465df"), Outcome.MEMORY_LEAK,
                "Rtnetlink.newlink",
                "a ->newlink that fails before registering leaves the device allocated and owned by nobody",
                "After 0e0eee2465df, rtnl_newlink() no longer freed a device when a type's ->newlink failed, "
                        + "assuming ->newlink had dealt with it. But most ->newlink failures happen before "
                        + "register_netdevice() (here: the vlan's lower device does not exist), and nobody freed "
                        + "those devices. e51fb152318e freed devices that were never registered; the seed's series "
                        + "made free_netdev() safe in every state, so rtnl_newlink() now frees unconditionally.");
    }

    @Override
    public Set<Quirk> quirks(Variant variant) {
        return variant == Variant.BUGGY ? Set.of(Quirk.NEWLINK_NEVER_FREES, Quirk.STRICT_FREE_NETDEV) : Set.of();
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Vlan());
        ctx.linkAdd("vlan", LinkAttrs.named("eth9.5").withLink("eth9").with("id", "5"));
    }
}
