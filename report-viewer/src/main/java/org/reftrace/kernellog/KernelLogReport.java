package org.reftrace.kernellog;

import java.util.List;

/**
 * What a kernel log says about leaked device references.
 *
 * @param source   the file read
 * @param repeats  every "waiting for %s to become free" warning, in order, with the tracker report after it
 * @param orphans  ref_tracker groups printed without a "waiting for" line before them (e.g. at free time)
 * @param releases every {@code reference already released.} report
 */
public record KernelLogReport(String source, List<Repeat> repeats, List<Group> orphans, List<Release> releases) {

    /**
     * One "waiting for" warning.
     *
     * @param timeNanos when, from the {@code [ secs.usecs]} prefix, or -1 when the log has none
     * @param task      the {@code [Tnnn]} task id, or {@code null}
     * @param line      1-based line in the file
     * @param skipped   the users the kernel did not print ({@code skipped reports about N/M users.}), or 0
     */
    public record Repeat(String device, int usageCount, long timeNanos, String task, int line, List<Group> groups,
            int skipped) {}

    /**
     * Users with one allocation stack: {@code ref_tracker: DIR@PTR has COUNT/TOTAL users at} + frames, or an old
     * {@code leaked reference.} + frames (count 1, total unknown: 0).
     */
    public record Group(String dir, int count, int total, List<String> frames, int line) {}

    /** {@code ref_tracker: reference already released.} with its two stacks. */
    public record Release(long timeNanos, String task, int line, List<String> allocatedIn, List<String> freedIn) {}

    /** Whether the log reports anything at all. */
    public boolean isEmpty() {
        return repeats.isEmpty() && orphans.isEmpty() && releases.isEmpty();
    }
}
