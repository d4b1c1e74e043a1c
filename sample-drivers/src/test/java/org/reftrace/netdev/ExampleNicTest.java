package org.reftrace.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.netdev.Dev.*;

import org.junit.jupiter.api.Test;

/** The complete example driver of docs/netdev-api.md, compiled and run, so the page stays true. */
class ExampleNicTest {

    /** An rtnl_link driver: ip link add [link LOWER] name NAME type examplenic. */
    static final class ExampleNic implements RtnlLinkOps {
        /** The private area: what the device owns. */
        static final class Priv {
            NetDevice lower;                                  // the device we sit on, or null
            final NetdevTracker lowerTracker = new NetdevTracker();
            Kmem.Allocation rings;                            // freed by the priv_destructor
        }

        private static final NetdevOps OPS = new NetdevOps() {
            @Override
            public int ndoInit(NetDevice dev) {               // take references here...
                Priv priv = dev.priv(Priv.class);
                netdevHold(priv.lower, priv.lowerTracker);    // NULL-safe
                return 0;
            }

            @Override
            public void ndoUninit(NetDevice dev) {            // ...and drop them here, before any wait
                Priv priv = dev.priv(Priv.class);
                netdevPut(priv.lower, priv.lowerTracker);
            }
        };

        @Override
        public String kind() {
            return "examplenic";
        }

        @Override
        public Object createPriv(NetDevice dev) {
            return new Priv();
        }

        @Override
        public void setup(NetDevice dev) {
            dev.setNetdevOps(OPS);
            dev.setNeedsFreeNetdev(true);                     // the core frees what rtnetlink made
        }

        @Override
        public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
            Priv priv = dev.priv(Priv.class);
            if (attrs.link() != null) {
                priv.lower = __devGetByName(net, attrs.link());   // rtnl is held: no reference needed yet
                if (priv.lower == null) {
                    return -Errno.ENODEV;                     // rtnl_newlink() frees the device
                }
            }
            priv.rings = net.kernel().kmem().kmalloc("examplenic rings " + dev.name());
            dev.setPrivDestructor(d -> d.priv(Priv.class).rings.kfree()); // only once the state exists
            return registerNetdevice(dev);                    // on failure the core already ran the destructor
        }
    }

    @Test
    void exampleDriverFollowsEveryLifetimeRule() {
        Kernel kernel = Kernel.boot(KernelConfig.defaults(), new FakeClock(), null);
        assertThat(rtnlLinkRegister(kernel, new ExampleNic())).isZero();
        Net net = kernel.initNet();
        assertThat(rtnlNewlink(net, "examplenic", LinkAttrs.named("lower0"))).isZero();
        assertThat(rtnlNewlink(net, "examplenic", LinkAttrs.named("upper0").withLink("lower0"))).isZero();
        assertThat(rtnlNewlink(net, "examplenic", LinkAttrs.named("x0").withLink("nosuch"))).isEqualTo(-Errno.ENODEV);
        assertThat(rtnlDellink(net, "upper0")).isZero();   // upper0 lets go of lower0 in ndo_uninit
        assertThat(rtnlDellink(net, "lower0")).isZero();
        assertThat(kernel.kmemleak()).isEmpty();
        assertThat(kernel.log().messages()).isEmpty();
    }
}
