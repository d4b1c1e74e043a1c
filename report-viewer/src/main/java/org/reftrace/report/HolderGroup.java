package org.reftrace.report;

import java.util.List;

/**
 * Holders of one object that share a stack (or, without a stack, a call site): a report shows groups, never a
 * million rows.
 *
 * @param site        the call site that took the references
 * @param stack       the page's stack id, or {@code null}
 * @param count       holders in the group
 * @param owners      the most frequent owners, with counts
 * @param threads     the threads that took them (at most 3)
 * @param heldMinNanos the newest hold's age
 * @param heldMaxNanos the oldest hold's age
 * @param pairing     how their puts pair: {@code tracker} or {@code owner}
 * @param signature   the rank of the signature they belong to, or 0
 * @param late        of them, those taken after the object began going away
 * @param stackRepresentative whether the stack was captured for another hold at the same site
 */
public record HolderGroup(String site, String stack, int count, List<Count> owners, List<String> threads,
        long heldMinNanos, long heldMaxNanos, String pairing, int signature, int late, boolean stackRepresentative) {

    /** A value and how often it occurs. */
    public record Count(String value, int count) {}
}
