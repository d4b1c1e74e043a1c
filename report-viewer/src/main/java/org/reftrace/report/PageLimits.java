package org.reftrace.report;

/**
 * How much a page shows in full; the rest is summarised, searchable, and the page says what it summarised. A page
 * of a million objects stays one Chromium opens.
 */
final class PageLimits {
    /** Objects shown as cards, most interesting first. */
    static final int FULL_OBJECTS = 200;
    /** Holds marked on one object's timeline. */
    static final int HOLD_MARKS = 200;
    /** Puts (inferred from periodic dumps) marked on one object's timeline. */
    static final int PUT_MARKS = 100;
    /** Objects linked from one signature. */
    static final int SIGNATURE_EXAMPLES = 30;
    /** Problems listed per group. */
    static final int PROBLEM_EXAMPLES = 50;
    /** Nodes in the holder flame graph. */
    static final int FLAME_NODES = 2_000;
    /** Per-object waits listed. */
    static final int WAIT_OBJECTS = 500;
    /** Owners listed per holder group. */
    static final int OWNERS = 5;

    private PageLimits() {}
}
