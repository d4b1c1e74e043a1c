package org.reftrace.dump;

/** The kinds of problem the agent reports. */
public enum ProblemType {
    /** A put took the count below what the object itself owns. */
    REFCOUNT_UNDERFLOW("refcount-underflow"),
    /** A put that no recorded hold explains. */
    PUT_WITHOUT_HOLD("put-without-hold"),
    /** A second put through one tracker. */
    REFERENCE_ALREADY_RELEASED("reference-already-released"),
    /** A tracker still recording a live reference used for another one (a tracker shared by holders). */
    TRACKER_REUSED("tracker-reused"),
    /** A hold, put or other instrumented call on an object whose memory is gone. */
    USE_AFTER_FREE("use-after-free"),
    /** A free of an object already freed. */
    DOUBLE_FREE("double-free"),
    /** A free of an object still registered. */
    FREE_WHILE_REGISTERED("free-while-registered"),
    /** A free of an object still being unregistered, where the free is not deferred (a kernel BUG before the seed's
     *  series made {@code free_netdev} lenient). */
    FREE_WHILE_UNREGISTERING("free-while-unregistering"),
    /** An object's memory released while references to it were still recorded as held. */
    FREE_WHILE_HELD("free-while-held"),
    /** Holders still there while the wait for them goes on past the threshold. */
    LINGERING_HOLDERS("lingering-holders"),
    /** An object allocated and never freed, at exit. */
    NEVER_FREED("never-freed"),
    /** References still held at exit. */
    HELD_AT_EXIT("held-at-exit"),
    /** An object garbage-collected while references to it were still recorded as held. */
    LEAK_FOUND_BY_GC("leak-found-by-gc");

    private final String label;

    ProblemType(String label) {
        this.label = label;
    }

    /** The name in the dump. */
    public String label() {
        return label;
    }

    /** The type with this label, or {@code null} for one this version does not know (a newer agent's). */
    public static ProblemType fromLabel(String label) {
        for (ProblemType type : values()) {
            if (type.label.equals(label)) {
                return type;
            }
        }
        return null;
    }
}
