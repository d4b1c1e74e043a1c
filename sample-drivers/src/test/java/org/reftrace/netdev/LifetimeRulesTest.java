package org.reftrace.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of netdevices.rst (lifecycle §6) and the seed's series (§5), in both driver shapes. */
class LifetimeRulesTest {
    private final FakeClock clock = new FakeClock();
    private final Kernel kernel = TestKernels.boot(clock);
    private final List<String> calls = new ArrayList<>();

    /** A driver's callbacks that log what ran. */
    private NetdevOps recordingOps(int initResult) {
        return new NetdevOps() {
            @Override
            public int ndoInit(NetDevice dev) {
                calls.add("ndo_init");
                return initResult;
            }

            @Override
            public void ndoUninit(NetDevice dev) {
                calls.add("ndo_uninit");
            }
        };
    }

    @Test
    void simpleDriverProbeAndRemoveFreeTheDeviceExactlyOnce() {
        NetDevice dev = allocNetdev(kernel.initNet(), "eth%d", null, d -> d.setNetdevOps(recordingOps(0)));
        assertThat(registerNetdev(dev)).isZero();
        unregisterNetdev(dev); // returns only when every reference is gone
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
        freeNetdev(dev);
        assertThat(dev.isMemoryReleased()).isTrue();
        assertThat(calls).containsExactly("ndo_init", "ndo_uninit");
        assertThat(kernel.log().of(KernelMessage.Kind.MEMORY)).isEmpty();
    }

    @Test
    void simpleDriverFreesAfterFailedRegisterWithoutUninit() {
        NetDevice dev = allocNetdev(kernel.initNet(), "eth0", null, d -> d.setNetdevOps(recordingOps(-Errno.EINVAL)));
        assertThat(registerNetdev(dev)).isEqualTo(-Errno.EINVAL);
        freeNetdev(dev);
        assertThat(calls).containsExactly("ndo_init");
        assertThat(dev.isMemoryReleased()).isTrue();
    }

    @Test
    void rtnlDriverIsFreedByTheCoreAfterItsDestructor() {
        NetDevice dev = allocNetdev(kernel.initNet(), "eth0", null, d -> {
            d.setNeedsFreeNetdev(true);
            d.setNetdevOps(recordingOps(0));
        });
        dev.setPrivDestructor(d -> calls.add("priv_destructor"));
        assertThat(registerNetdev(dev)).isZero();
        unregisterNetdev(dev);
        assertThat(calls).containsExactly("ndo_init", "ndo_uninit", "priv_destructor");
        assertThat(dev.regState()).isEqualTo(RegState.RELEASED);
        assertThat(dev.isMemoryReleased()).isTrue();
    }

    @Test
    void postInitVetoRunsUninitAndDestructorAndLeavesDeviceUninitialized() {
        registerNetdeviceNotifier(kernel, (event, d) -> event == NetdevEvent.POST_INIT ? -Errno.EBUSY : 0);
        NetDevice dev = allocNetdev(kernel.initNet(), "eth0", null, d -> d.setNetdevOps(recordingOps(0)));
        dev.setPrivDestructor(d -> calls.add("priv_destructor"));
        assertThat(registerNetdev(dev)).isEqualTo(-Errno.EBUSY);
        assertThat(dev.regState()).isEqualTo(RegState.UNINITIALIZED);
        assertThat(calls).containsExactly("ndo_init", "ndo_uninit", "priv_destructor");
        freeNetdev(dev);
        assertThat(dev.isMemoryReleased()).isTrue();
    }

    @Test
    void registerVetoRunsTheFullUnregisterAndClearsNeedsFreeNetdev() {
        List<NetdevEvent> seen = new ArrayList<>();
        registerNetdeviceNotifier(kernel, (event, d) -> {
            seen.add(event);
            return event == NetdevEvent.REGISTER && d.name().equals("eth0") ? -Errno.EBUSY : 0;
        });
        seen.clear(); // the replay for lo
        NetDevice dev = allocNetdev(kernel.initNet(), "eth0", null, d -> d.setNeedsFreeNetdev(true));
        dev.setPrivDestructor(d -> calls.add("priv_destructor"));
        rtnlLock(kernel);
        assertThat(registerNetdevice(dev)).isEqualTo(-Errno.EBUSY);
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERING);
        assertThat(dev.needsFreeNetdev()).isFalse();
        assertThat(kernel.pendingTodo()).containsExactly(dev);
        assertThat(seen).containsExactly(NetdevEvent.POST_INIT, NetdevEvent.REGISTER, NetdevEvent.UNREGISTER,
                NetdevEvent.PRE_UNINIT);
        rtnlUnlock(kernel);
        assertThat(calls).containsExactly("priv_destructor");
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
        freeNetdev(dev);
        assertThat(dev.isMemoryReleased()).isTrue();
    }

    @Test
    void seedsPathologicalCaseFreesExactlyOnce() {
        registerNetdeviceNotifier(kernel, (event, d) -> event == NetdevEvent.REGISTER && d.name().equals("eth0")
                ? -Errno.EBUSY : 0);
        NetDevice dev = allocNetdev(kernel.initNet(), "eth0", null, null);
        dev.setNeedsFreeNetdev(true);
        rtnlLock(kernel);
        if (registerNetdevice(dev) != 0) {
            rtnlUnlock(kernel);
            freeNetdev(dev);
        }
        assertThat(dev.regState()).isEqualTo(RegState.RELEASED);
        assertThat(dev.isMemoryReleased()).isTrue();
        assertThat(kernel.log().of(KernelMessage.Kind.MEMORY)).isEmpty();
        assertThat(kernel.log().of(KernelMessage.Kind.BUG)).isEmpty();
    }

    @Test
    void freeNetdevDuringUnregisterDefersFree() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        rtnlLock(kernel);
        unregisterNetdevice(dev);
        freeNetdev(dev); // legal right after unregister_netdevice(), even under rtnl
        assertThat(dev.needsFreeNetdev()).isTrue();
        assertThat(dev.isMemoryReleased()).isFalse();
        rtnlUnlock(kernel);
        assertThat(dev.regState()).isEqualTo(RegState.RELEASED);
        assertThat(dev.isMemoryReleased()).isTrue();
    }

    @Test
    void freeNetdevDuringUnregisterIsABugBeforeTheLenientFree() {
        Kernel old = TestKernels.boot(clock, Quirk.STRICT_FREE_NETDEV);
        NetDevice dev = TestKernels.registered(old, "eth0");
        rtnlLock(old);
        try {
            unregisterNetdevice(dev);
            assertThatThrownBy(() -> freeNetdev(dev)).isInstanceOf(KernelBug.class)
                    .hasMessageContaining("NETREG_UNREGISTERING");
        } finally {
            rtnlUnlock(old);
        }
    }

    @Test
    void uninitRunsBeforeTheWaitAndDestructorAfterIt() {
        NetDevice lower = TestKernels.registered(kernel, "eth0");
        NetDevice dev = allocNetdev(kernel.initNet(), "up0", null, d -> d.setNetdevOps(new NetdevOps() {
            @Override
            public void ndoUninit(NetDevice self) {
                calls.add("ndo_uninit refcnt=" + self.refcnt());
            }
        }));
        dev.setPrivDestructor(d -> calls.add("priv_destructor refcnt=" + d.refcnt()));
        registerNetdev(dev);
        devHold(dev);
        clock.at(3, () -> devPut(dev));
        unregisterNetdev(dev);
        // ndo_uninit sees the registration reference and the user's; the destructor only the last one
        assertThat(calls).containsExactly("ndo_uninit refcnt=3", "priv_destructor refcnt=1");
        assertThat(lower.refcnt()).isEqualTo(2);
    }

    @Test
    void notifierRegistrationReplaysRegisterForExistingDevices() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        List<String> seen = new ArrayList<>();
        registerNetdeviceNotifier(kernel, (event, d) -> {
            seen.add(event + " " + d.name());
            return 0;
        });
        assertThat(seen).containsExactly("REGISTER lo", "UP lo", "REGISTER eth0");
        assertThat(dev.regState()).isEqualTo(RegState.REGISTERED);
    }

    @Test
    void rtnlIsNotReentrant() {
        rtnlLock(kernel);
        try {
            assertThatThrownBy(() -> rtnlLock(kernel)).isInstanceOf(KernelBug.class)
                    .hasMessageContaining("deadlock");
        } finally {
            rtnlUnlock(kernel);
        }
    }

    @Test
    void functionsUnderRtnlWarnWhenCalledWithoutIt() {
        NetDevice dev = TestKernels.alloc(kernel, "eth0");
        registerNetdevice(dev);
        assertThat(kernel.log().containing("RTNL: assertion failed at register_netdevice")).hasSize(1);
    }
}
