package org.reftrace.netdev;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Model-only fault injection, as the kernel's {@code CONFIG_FAULT_INJECTION} makes allocations fail, to reach
 * error paths that are otherwise hard to hit.
 *
 * <p>Thread-safe.
 */
public final class FaultInjection {
    private final AtomicInteger failSysfs = new AtomicInteger();

    /** Makes the next {@code count} {@code netdev_register_kobject()} calls fail with -ENOMEM. */
    public void failNextSysfsRegistration(int count) {
        failSysfs.set(count);
    }

    boolean sysfsRegistrationFails() {
        return failSysfs.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
}
