package org.reftrace.report;

import java.util.List;

/**
 * The objects not shown in full, one column per field, so that a million of them stay a few bytes each and
 * the page can still search them. Row {@code i} is the object {@code names[i]}.
 *
 * @param total      objects in the report, those in full included
 * @param jvm        per row, its JVM's index
 * @param ids        per row, the agent's id
 * @param names      per row, its name with its namespace
 * @param kindNames  the kinds, which {@code kind} refers to
 * @param kind       per row, its kind
 * @param stateNames the states, which {@code state} refers to
 * @param state      per row, its state
 * @param holders    per row, its outstanding references
 * @param signature  per row, the rank of the first signature keeping it, or 0
 */
public record ObjectIndex(int total, int[] jvm, long[] ids, List<String> names, List<String> kindNames, int[] kind,
        List<String> stateNames, int[] state, int[] holders, int[] signature) {}
