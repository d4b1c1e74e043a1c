package org.reftrace.netdev;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a model kernel is built and tuned: its sysctls, its config options and the model-only switches.
 *
 * @param unregisterTimeoutSecs the sysctl {@code net.core.netdev_unregister_timeout_secs}: seconds between two
 *                              "waiting for ... to become free" warnings; 1..3600, default 10
 * @param refcntTracker         {@code CONFIG_NET_DEV_REFCNT_TRACKER}: tracked holds record their stack, and the
 *                              warning is followed by the tracker report
 * @param waitEscape            model-only: how long {@code netdev_wait_all_refs} waits before it gives up, records
 *                              the hang and lets its caller go on; {@link Duration#ZERO} waits forever, as the
 *                              kernel does
 * @param quirks                model-only: pre-fix behaviours switched on (the time machine)
 */
public record KernelConfig(int unregisterTimeoutSecs, boolean refcntTracker, Duration waitEscape, Set<Quirk> quirks) {

    public KernelConfig {
        if (unregisterTimeoutSecs < 1 || unregisterTimeoutSecs > 3600) {
            throw new IllegalArgumentException(
                    "netdev_unregister_timeout_secs: " + unregisterTimeoutSecs + " (expected: 1..3600)");
        }
        if (waitEscape.isNegative()) {
            throw new IllegalArgumentException("waitEscape: " + waitEscape + " (expected: >= 0)");
        }
        quirks = quirks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quirks));
    }

    /** The modern kernel: 10 s warnings, trackers on, waits forever, no quirks. */
    public static KernelConfig defaults() {
        return new KernelConfig(10, true, Duration.ZERO, Set.of());
    }

    public KernelConfig withUnregisterTimeoutSecs(int secs) {
        return new KernelConfig(secs, refcntTracker, waitEscape, quirks);
    }

    public KernelConfig withRefcntTracker(boolean enabled) {
        return new KernelConfig(unregisterTimeoutSecs, enabled, waitEscape, quirks);
    }

    public KernelConfig withWaitEscape(Duration escape) {
        return new KernelConfig(unregisterTimeoutSecs, refcntTracker, escape, quirks);
    }

    public KernelConfig withQuirks(Set<Quirk> enabled) {
        return new KernelConfig(unregisterTimeoutSecs, refcntTracker, waitEscape, enabled);
    }

    public boolean has(Quirk quirk) {
        return quirks.contains(quirk);
    }
}
