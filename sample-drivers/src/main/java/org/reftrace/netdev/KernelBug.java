package org.reftrace.netdev;

/**
 * A kernel {@code BUG()}: the model stops the offending call, as the kernel would kill the offending task.
 * The message names the rule, the device and its state. The bug is also in the {@link KernelLog}.
 */
public final class KernelBug extends RuntimeException {
    private final String rule;

    KernelBug(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The rule broken, e.g. {@code free_netdev of a registered device}. */
    public String rule() {
        return rule;
    }
}
