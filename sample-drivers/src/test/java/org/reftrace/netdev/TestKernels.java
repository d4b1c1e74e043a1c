package org.reftrace.netdev;

import java.time.Duration;
import java.util.Set;

/** Kernels for tests: on a fake clock, silent, optionally with quirks and the wait's escape. */
final class TestKernels {
    private TestKernels() {}

    static Kernel boot(FakeClock clock, Quirk... quirks) {
        return Kernel.boot(KernelConfig.defaults().withQuirks(Set.of(quirks)), clock, null);
    }

    static Kernel bootWithEscape(FakeClock clock, Duration escape, Quirk... quirks) {
        return Kernel.boot(KernelConfig.defaults().withQuirks(Set.of(quirks)).withWaitEscape(escape), clock, null);
    }

    /** A plain device in init_net, not registered. */
    static NetDevice alloc(Kernel kernel, String name) {
        return Dev.allocNetdev(kernel.initNet(), name, null, null);
    }

    /** A plain device, registered with {@code register_netdev()}. */
    static NetDevice registered(Kernel kernel, String name) {
        NetDevice dev = alloc(kernel, name);
        if (Dev.registerNetdev(dev) != 0) {
            throw new AssertionError("register_netdev(" + name + ") failed");
        }
        return dev;
    }
}
