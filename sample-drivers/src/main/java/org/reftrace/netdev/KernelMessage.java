package org.reftrace.netdev;

/**
 * One line the model "printed to dmesg".
 *
 * @param timeNanos model time since boot
 * @param kind      what the line reports: a plain message, a {@code WARN}, a {@code BUG} or a KASAN-style
 *                  memory error
 * @param device    the device (or, for the IP stack's objects, the object, e.g. {@code dst(eth0)}) it concerns,
 *                  or {@code null}
 * @param text      the kernel's text, possibly several lines (a report with stacks)
 */
public record KernelMessage(long timeNanos, Kind kind, String device, String text) {

    /** What a message reports. */
    public enum Kind {
        /** An ordinary {@code pr_*} line. */
        MESSAGE,
        /** A {@code WARN()}: recorded and printed; the call goes on. */
        WARN,
        /** A {@code BUG()}: the call is stopped with a {@link KernelBug}. */
        BUG,
        /** A use-after-free, double free or refcount underflow caught at the moment it happens. */
        MEMORY
    }

    /** The line(s) as dmesg shows them: {@code [   10.004000] text}. */
    public String formatted() {
        String prefix = String.format("[%5d.%06d] ", timeNanos / 1_000_000_000L, timeNanos % 1_000_000_000L / 1_000L);
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
