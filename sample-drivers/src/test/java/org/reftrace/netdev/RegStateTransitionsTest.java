package org.reftrace.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reftrace.netdev.Dev.*;

import org.junit.jupiter.api.Test;

/** Every transition of the reg_state table (lifecycle §1), and every transition that is a BUG. */
class RegStateTransitionsTest {
    private final FakeClock clock = new FakeClock();
    private final Kernel kernel = TestKernels.boot(clock);

    @Test
    void allocatedDeviceIsUninitializedWithUsageCountOne() {
        NetDevice dev = TestKernels.alloc(kernel, "eth%d");
        assertThat(dev.regState()).isEqualTo(RegState.UNINITIALIZED);
        assertThat(dev.refcnt()).isEqualTo(1);
        assertThat(dev.ifindex()).isZero();
    }

    @Test
    void registerMakesDeviceRegisteredListedAndTakesOneReference() {
        NetDevice dev = TestKernels.registered(kernel, "eth%d");
        assertThat(dev.regState()).isEqualTo(RegState.REGISTERED);
        assertThat(dev.name()).isEqualTo("eth0");
        assertThat(dev.refcnt()).isEqualTo(2);
        assertThat(dev.ifindex()).isEqualTo(2); // lo is 1
        assertThat(kernel.initNet().devices()).contains(dev);
    }

    @Test
    void unregisterUnderRtnlLeavesDeviceUnregisteringOnTheTodoListUntilRtnlUnlock() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        rtnlLock(kernel);
        unregisterNetdevice(dev);
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERING);
        assertThat(kernel.initNet().devices()).doesNotContain(dev);
        assertThat(kernel.pendingTodo()).containsExactly(dev);
        assertThat(dev.refcnt()).isEqualTo(1);
        rtnlUnlock(kernel);
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
        assertThat(kernel.pendingTodo()).isEmpty();
    }

    @Test
    void freeOfUnregisteredDeviceReleasesItAndItsMemory() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        unregisterNetdev(dev);
        freeNetdev(dev);
        assertThat(dev.regState()).isEqualTo(RegState.RELEASED);
        assertThat(dev.isMemoryReleased()).isTrue();
    }

    @Test
    void freeOfUninitializedDeviceFreesAtOnce() {
        NetDevice dev = TestKernels.alloc(kernel, "eth0");
        freeNetdev(dev);
        assertThat(dev.regState()).isEqualTo(RegState.UNINITIALIZED);
        assertThat(dev.isMemoryReleased()).isTrue();
    }

    @Test
    void freeOfDummyDeviceFreesAtOnce() {
        NetDevice dev = initDummyNetdev(kernel.initNet());
        assertThat(dev.regState()).isEqualTo(RegState.DUMMY);
        freeNetdev(dev);
        assertThat(dev.isMemoryReleased()).isTrue();
    }

    @Test
    void failedSysfsRegistrationLeavesDeviceUnregistered() {
        NetDevice dev = TestKernels.alloc(kernel, "eth0");
        kernel.faults().failNextSysfsRegistration(1);
        assertThat(registerNetdev(dev)).isEqualTo(-Errno.ENOMEM);
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
        freeNetdev(dev);
        assertThat(dev.regState()).isEqualTo(RegState.RELEASED);
    }

    @Test
    void registeringARegisteredDeviceIsABug() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        rtnlLock(kernel);
        try {
            assertThatThrownBy(() -> registerNetdevice(dev)).isInstanceOf(KernelBug.class)
                    .hasMessageContaining("eth0").hasMessageContaining("NETREG_REGISTERED");
        } finally {
            rtnlUnlock(kernel);
        }
        assertThat(kernel.log().of(KernelMessage.Kind.BUG)).hasSize(1);
    }

    @Test
    void unregisteringAnUnregisteringDeviceIsABug() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        rtnlLock(kernel);
        try {
            unregisterNetdevice(dev);
            assertThatThrownBy(() -> unregisterNetdevice(dev)).isInstanceOf(KernelBug.class)
                    .hasMessageContaining("NETREG_UNREGISTERING");
        } finally {
            rtnlUnlock(kernel);
        }
    }

    @Test
    void unregisteringANeverRegisteredDeviceWarnsAndSkipsIt() {
        NetDevice dev = TestKernels.alloc(kernel, "eth0");
        rtnlLock(kernel);
        unregisterNetdevice(dev);
        rtnlUnlock(kernel);
        assertThat(dev.regState()).isEqualTo(RegState.UNINITIALIZED);
        assertThat(kernel.log().of(KernelMessage.Kind.WARN)).singleElement()
                .extracting(KernelMessage::text).asString().contains("never was registered");
    }

    @Test
    void freeOfRegisteredDeviceIsABug() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        assertThatThrownBy(() -> freeNetdev(dev)).isInstanceOf(KernelBug.class)
                .hasMessageContaining("free_netdev of a registered device");
        assertThat(dev.isMemoryReleased()).isFalse();
    }

    @Test
    void secondFreeOfReleasedDeviceIsReportedAsDoubleFree() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        unregisterNetdev(dev);
        freeNetdev(dev);
        freeNetdev(dev);
        assertThat(kernel.log().containing("double-free")).hasSize(1);
    }

    @Test
    void lookupsStopFindingDeviceWhenItIsUnlisted() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        NetDevice found = devGetByName(kernel.initNet(), "eth0");
        assertThat(found).isSameAs(dev);
        assertThat(dev.refcnt()).isEqualTo(3);
        devPut(found);
        rtnlLock(kernel);
        unregisterNetdevice(dev);
        assertThat(__devGetByName(kernel.initNet(), "eth0")).isNull();
        assertThat(devGetByIndex(kernel.initNet(), dev.ifindex())).isNull();
        rtnlUnlock(kernel);
    }

    @Test
    void namesAreValidatedAndTemplatesTakeTheLowestFreeUnit() {
        TestKernels.registered(kernel, "veth0");
        TestKernels.registered(kernel, "veth2");
        assertThat(TestKernels.registered(kernel, "veth%d").name()).isEqualTo("veth1");
        assertThat(registerNetdev(TestKernels.alloc(kernel, "veth0"))).isEqualTo(-Errno.EEXIST);
        assertThat(registerNetdev(TestKernels.alloc(kernel, "a/b"))).isEqualTo(-Errno.EINVAL);
        assertThat(registerNetdev(TestKernels.alloc(kernel, "sixteen-chars-xx"))).isEqualTo(-Errno.EINVAL);
        assertThat(registerNetdev(TestKernels.alloc(kernel, "x%d%d"))).isEqualTo(-Errno.EINVAL);
    }
}
