package org.reftrace.gallery.scenarios;

import java.util.List;
import java.util.Set;
import org.reftrace.drivers.Dummy;
import org.reftrace.drivers.Macvlan;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.gallery.Variant;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Quirk;

/** 0e0eee2465df "net: correct error path in rtnl_newlink()" (2014). */
public final class NewlinkFreeUnregistering extends AbstractScenario {

    public NewlinkFreeUnregistering() {
        super("newlink-free-unregistering", List.of("0e0eee2465df"), Outcome.KERNEL_BUG,
                "Rtnetlink.freeAfterFailedNewlink",
                "rtnl_newlink() frees a device that ->newlink registered and then unregistered",
                "macvlan's newlink registers the device, then applies its source-MAC list; if that fails it "
                        + "unregisters the device again, under rtnl, leaving it UNREGISTERING on the todo list. "
                        + "rtnl_newlink() saw the error and called free_netdev(), which in 2014 hit "
                        + "BUG_ON(dev->reg_state != NETREG_UNREGISTERED). 0e0eee2465df stopped rtnl_newlink() from "
                        + "freeing devices ->newlink had touched; since the seed's series free_netdev() is lenient "
                        + "and simply defers the free to the todo list, so rtnl_newlink() frees unconditionally "
                        + "again.");
    }

    @Override
    public Set<Quirk> quirks(Variant variant) {
        return variant == Variant.BUGGY ? Set.of(Quirk.NEWLINK_ALWAYS_FREES, Quirk.STRICT_FREE_NETDEV) : Set.of();
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        ctx.load(new Macvlan());
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.linkAdd("macvlan", LinkAttrs.named("macvlan0").withLink("dummy0").with("mode", "source")
                .with("macaddr", "not-a-mac"));
        ctx.linkDel("dummy0");
    }
}
