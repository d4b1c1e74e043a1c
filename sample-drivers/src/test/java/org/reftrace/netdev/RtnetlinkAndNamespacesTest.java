package org.reftrace.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rtnl_newlink/dellink with their historical error paths, link-type removal, and namespaces. */
class RtnetlinkAndNamespacesTest {
    private final FakeClock clock = new FakeClock();

    /** A link type whose newlink can fail before registering, or register and then fail. */
    private static RtnlLinkOps linkType(String failure) {
        return new RtnlLinkOps() {
            @Override
            public String kind() {
                return "test";
            }

            @Override
            public void setup(NetDevice dev) {
                dev.setNeedsFreeNetdev(true);
            }

            @Override
            public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
                switch (failure) {
                    case "before-register":
                        return -Errno.EINVAL;
                    case "after-register":
                        int err = registerNetdevice(dev);
                        if (err != 0) {
                            return err;
                        }
                        unregisterNetdevice(dev);
                        return -Errno.EBUSY;
                    default:
                        return registerNetdevice(dev);
                }
            }
        };
    }

    private static NetDevice lastAllocated(Kernel kernel, List<NetDevice> seen) {
        return seen.get(seen.size() - 1);
    }

    @Test
    void newlinkAndDellinkCreateAndDeleteADevice() {
        Kernel kernel = TestKernels.boot(clock);
        rtnlLinkRegister(kernel, linkType("none"));
        assertThat(rtnlNewlink(kernel.initNet(), "test", LinkAttrs.named("t%d"))).isZero();
        NetDevice dev = devGetByName(kernel.initNet(), "t0");
        devPut(dev);
        assertThat(dev.rtnlLinkOps()).isNotNull();
        assertThat(rtnlDellink(kernel.initNet(), "t0")).isZero();
        assertThat(dev.regState()).isEqualTo(RegState.RELEASED);
        assertThat(dev.isMemoryReleased()).isTrue();
        assertThat(rtnlDellink(kernel.initNet(), "t0")).isEqualTo(-Errno.ENODEV);
        assertThat(rtnlNewlink(kernel.initNet(), "nope", LinkAttrs.named("x"))).isEqualTo(-Errno.EOPNOTSUPP);
    }

    @Test
    void failedNewlinkFreesTheDeviceWhateverStateItIsIn() {
        for (String failure : List.of("before-register", "after-register")) {
            Kernel kernel = TestKernels.boot(clock);
            List<NetDevice> created = new ArrayList<>();
            registerNetdeviceNotifier(kernel, (e, d) -> {
                if (e == NetdevEvent.POST_INIT) {
                    created.add(d);
                }
                return 0;
            });
            rtnlLinkRegister(kernel, linkType(failure));
            assertThat(rtnlNewlink(kernel.initNet(), "test", LinkAttrs.named("t0"))).isNegative();
            assertThat(kernel.log().of(KernelMessage.Kind.BUG)).isEmpty();
            if (!created.isEmpty()) {
                assertThat(lastAllocated(kernel, created).isMemoryReleased()).as(failure).isTrue();
            }
        }
    }

    @Test
    void newlinkThatNeverFreedLeaksTheDeviceItFailedToRegister() {
        Kernel kernel = TestKernels.boot(clock, Quirk.NEWLINK_NEVER_FREES, Quirk.STRICT_FREE_NETDEV);
        NetDevice[] made = new NetDevice[1];
        rtnlLinkRegister(kernel, new RtnlLinkOps() {
            @Override
            public String kind() {
                return "test";
            }

            @Override
            public void setup(NetDevice dev) {
                made[0] = dev;
            }

            @Override
            public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
                return -Errno.EINVAL;
            }
        });
        rtnlNewlink(kernel.initNet(), "test", LinkAttrs.named("t0"));
        assertThat(made[0].isMemoryReleased()).isFalse();
        assertThat(made[0].regState()).isEqualTo(RegState.UNINITIALIZED);
    }

    @Test
    void newlinkThatAlwaysFreedHitsTheStrictFreeOfAnUnregisteringDevice() {
        Kernel kernel = TestKernels.boot(clock, Quirk.NEWLINK_ALWAYS_FREES, Quirk.STRICT_FREE_NETDEV);
        rtnlLinkRegister(kernel, linkType("after-register"));
        assertThatThrownBy(() -> rtnlNewlink(kernel.initNet(), "test", LinkAttrs.named("t0")))
                .isInstanceOf(KernelBug.class).hasMessageContaining("NETREG_UNREGISTERING");
    }

    @Test
    void linkUnregisterDeletesEveryDeviceOfTheType() {
        Kernel kernel = TestKernels.boot(clock);
        RtnlLinkOps ops = linkType("none");
        rtnlLinkRegister(kernel, ops);
        rtnlNewlink(kernel.initNet(), "test", LinkAttrs.named("t%d"));
        rtnlNewlink(kernel.initNet(), "test", LinkAttrs.named("t%d"));
        rtnlLinkUnregister(kernel, ops);
        assertThat(kernel.initNet().devices()).extracting(NetDevice::name).containsExactly("lo");
        assertThat(rtnlNewlink(kernel.initNet(), "test", LinkAttrs.named("t%d"))).isEqualTo(-Errno.EOPNOTSUPP);
    }

    @Test
    void namespacesHaveTheirOwnLoopbackAndDismantleTheirDevicesLoopbackLast() {
        Kernel kernel = TestKernels.boot(clock);
        rtnlLinkRegister(kernel, linkType("none"));
        Net ns = netnsAdd(kernel, "blue");
        assertThat(netnsAdd(kernel, "blue")).isNull();
        assertThat(ns.loopback().name()).isEqualTo("lo");
        assertThat(ns.loopback().ifindex()).isEqualTo(1);
        rtnlNewlink(ns, "test", LinkAttrs.named("t0"));
        NetDevice dev = devGetByName(ns, "t0");
        devPut(dev);
        List<String> unregistered = new ArrayList<>();
        registerNetdeviceNotifier(kernel, (e, d) -> {
            if (e == NetdevEvent.UNREGISTER) {
                unregistered.add(d.name());
            }
            return 0;
        });
        netnsDel(ns);
        assertThat(netnsFind(kernel, "blue")).as("the name goes at once").isNull();
        flushWorkqueue(kernel.netnsWq()); // cleanup_net() runs on the netns kworker
        assertThat(unregistered).containsExactly("t0", "lo");
        assertThat(dev.isMemoryReleased()).isTrue();
        assertThat(netnsFind(kernel, "blue")).isNull();
    }

    @Test
    void devicesMoveBetweenNamespaces() {
        Kernel kernel = TestKernels.boot(clock);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        Net ns = netnsAdd(kernel, "red");
        rtnlLock(kernel);
        assertThat(devChangeNetNamespace(dev, ns)).isZero();
        rtnlUnlock(kernel);
        assertThat(dev.net()).isSameAs(ns);
        assertThat(__devGetByIndexUnlocked(ns, dev.ifindex())).isSameAs(dev);
        assertThat(kernel.initNet().devices()).doesNotContain(dev);
    }

    private static NetDevice __devGetByIndexUnlocked(Net net, int ifindex) {
        rtnlLock(net.kernel());
        try {
            return __devGetByIndex(net, ifindex);
        } finally {
            rtnlUnlock(net.kernel());
        }
    }
}
