package org.reftrace.gallery;

/** What a scenario run ended in, most severe first; read from the core's own state, never from the agent. */
public enum Outcome {
    DOUBLE_FREE("double free"),
    USE_AFTER_FREE("use after free"),
    REFCOUNT_UNDERFLOW("refcount underflow"),
    HANG("hang in netdev_wait_all_refs"),
    REFERENCE_ALREADY_RELEASED("reference already released (tracker misuse)"),
    KERNEL_BUG("kernel BUG"),
    MEMORY_LEAK("memory never released"),
    CLEAN("clean");

    private final String description;

    Outcome(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The name users type and read, e.g. {@code use-after-free}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
