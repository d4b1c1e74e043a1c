package org.reftrace.report;

import java.util.List;

/**
 * The holder flame graph (an icicle: outermost frame on top), flattened for the page: node {@code i} has frame
 * {@code frames[frame[i]]} and parent {@code parent[i]} (-1 for the root); nodes come parents first, children
 * heaviest first. Weights are references ({@code count}), lingering ones, and their ages in milliseconds.
 *
 * @param frames       the distinct frames
 * @param frame        per node, its frame's index
 * @param parent       per node, its parent's index
 * @param count        per node, references through it
 * @param lingering    per node, of those the ones on objects that should be free
 * @param ageMillis    per node, their ages added up
 * @param lingeringAgeMillis per node, the lingering ones' ages added up
 * @param pruned       nodes left out to keep the graph readable; their weight stays in their parents
 */
public record FlameView(List<String> frames, int[] frame, int[] parent, long[] count, long[] lingering,
        long[] ageMillis, long[] lingeringAgeMillis, int pruned) {}
