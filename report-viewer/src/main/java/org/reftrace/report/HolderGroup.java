package org.reftrace.report;

import java.util.List;

/**
 * Holders of one object that share a stack (or, without a stack, a call site): a report shows groups, never a
 * million rows.
 *
 * @param site        the call site that took the references
 * @param stack       the stack table id, or {@code null}
 * @param count       holders in the group
 * @param owners      the most frequent owners, with counts
 * @param threads     the threads that took them (at most 3)
 * @param heldMinNanos the newest hold's age
 * @param heldMaxNanos the oldest hold's age
 * @param pairing     how their puts pair: {@code tracker} or {@code owner}
 */
public record HolderGroup(String site, String stack, int count, List<Count> owners, List<String> threads,
        long heldMinNanos, long heldMaxNanos, String pairing) {

    /** A value and how often it occurs. */
    public record Count(String value, int count) {}
}
