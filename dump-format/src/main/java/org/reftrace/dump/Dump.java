package org.reftrace.dump;

import java.util.List;
import java.util.Map;

/**
 * One picture of the agent's recorder at an instant: what is held, by whom, what went wrong, how long things
 * take. Written as JSON (see {@code docs/dump-format.md}); immutable.
 *
 * @param version   the format's version, {@link #VERSION} when written by this code
 * @param meta      when, where and why the dump was taken
 * @param health    the agent's own health: failures, drops, what it could not instrument
 * @param summary   the counts a reader wants first
 * @param objects   every tracked object that is still alive or still interesting (held, hung, leaked)
 * @param problems  what went wrong, oldest first
 * @param waits     every wait for references, oldest first
 * @param pairings  how puts were paired with holds: pairing rule → count
 * @param histograms timing distributions
 * @param stacks    the stack table: id → frames (innermost first) as {@code StackTraceElement} strings
 * @param problemGroups problems grouped by type, kind and site, with counts (v2)
 * @param sites     what each call site took and put back over the run (v2)
 */
public record Dump(int version, Meta meta, Health health, Summary summary, List<TrackedObject> objects,
        List<Problem> problems, List<Wait> waits, Map<String, Long> pairings, List<HistogramSummary> histograms,
        Map<String, List<String>> stacks, List<ProblemGroup> problemGroups, List<SiteStats> sites) {

    /** The {@code format} field's value. */
    public static final String FORMAT = "reftrace-dump";
    /** The version this code writes, and the newest it reads. */
    public static final int VERSION = 2;

    public Dump {
        objects = List.copyOf(objects);
        problems = List.copyOf(problems);
        waits = List.copyOf(waits);
        pairings = Map.copyOf(pairings);
        histograms = List.copyOf(histograms);
        stacks = Map.copyOf(stacks);
        problemGroups = List.copyOf(problemGroups);
        sites = List.copyOf(sites);
    }

    /** A dump without the version 2 sections. */
    public Dump(int version, Meta meta, Health health, Summary summary, List<TrackedObject> objects,
            List<Problem> problems, List<Wait> waits, Map<String, Long> pairings, List<HistogramSummary> histograms,
            Map<String, List<String>> stacks) {
        this(version, meta, health, summary, objects, problems, waits, pairings, histograms, stacks, List.of(),
                List.of());
    }
}
