package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Sit;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.NetdevEvent;

/** 6289a98f0817 "sit: proper dev_{hold|put} in ndo_[un]init methods" (2021). */
public final class SitSelfReference extends AbstractScenario {

    public SitSelfReference() {
        super("sit-self-reference", List.of("6289a98f0817"), Outcome.REFCOUNT_UNDERFLOW, "Sit$1.ndoUninit",
                "a tunnel's self-reference is dropped in ndo_uninit but taken only after registration succeeded",
                "A sit tunnel in the module's hash table holds its own device; ipip6_tunnel_uninit() unhashes it "
                        + "and drops that reference. The reference was taken in the create path after "
                        + "register_netdevice() returned, but register's error path calls ndo_uninit too: a tunnel "
                        + "whose registration failed put a reference it never took, and the count underflowed "
                        + "(syzbot found it once CONFIG_PCPU_DEV_REFCNT=n made underflows visible). 6289a98f0817: a "
                        + "driver that puts in ndo_uninit must hold in ndo_init, and only when ndo_init succeeds.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(ctx.buggy() ? new Sit(Sit.SelfRef.HOLD_AFTER_REGISTER) : new Sit());
        ctx.say("# fault injection: registration of sit1 fails at NETDEV_POST_INIT");
        ctx.veto(NetdevEvent.POST_INIT, "sit1");
        ctx.linkAdd("sit", LinkAttrs.named("sit1"));
    }
}
