package org.reftrace.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * Everything one page shows, as the page's script receives it (serialised to JSON into the page's single data
 * slot), plus what the CLI needs beside the page (diff rows' inputs, interval logs), which stays out of it.
 * Immutable.
 *
 * @param title        the page's title
 * @param generatedAt  when the page was made (ISO-8601)
 * @param sources      the inputs, one entry per dump file
 * @param jvms         the JVMs the dumps came from (periodic dumps of one run are one JVM)
 * @param verdict      what the page says first
 * @param findings     what to look at first, in the one ranking ({@code org.reftrace.analysis.Findings})
 * @param signatures   leak signatures across objects and JVMs, ranked
 * @param flame        the holder flame graph: outstanding references by stack, merged across objects
 * @param objects      the objects shown in full, most interesting first
 * @param index        every other object, summarised: searchable, not drawn
 * @param problems     problems grouped by type, kind and call site
 * @param timings      hold and wait time distributions
 * @param health       each JVM's agent health: failures apart from designed budgets
 * @param stacks       the stack table, page id to frames: each stack is shown once and referred to by id
 * @param summarised   what the page left out or summarised to stay small, in words
 * @param diff         the comparison rows, for a diff page; otherwise {@code null}
 * @param holderGroups every object's holder groups, for {@code diff} (not on the page)
 * @param intervals    every dump's histograms, for {@code --hlog} (not on the page)
 */
public record ReportData(String title, String generatedAt, List<String> sources, List<JvmView> jvms,
        VerdictView verdict, List<FindingView> findings, List<SignatureView> signatures, FlameView flame,
        List<ObjectView> objects, ObjectIndex index, List<ProblemView> problems, TimingsView timings,
        List<HealthView> health, Map<String, List<String>> stacks, List<String> summarised, List<DiffRow> diff,
        @JsonIgnore List<GroupCount> holderGroups, @JsonIgnore List<IntervalSource> intervals) {

    /** This report with comparison rows and a stack table that also holds the rows' stacks. */
    public ReportData withDiff(List<DiffRow> rows, Map<String, List<String>> allStacks, List<String> allSources) {
        return new ReportData(title, generatedAt, allSources, jvms, verdict, findings, signatures, flame, objects,
                index, problems, timings, health, allStacks, summarised, rows, holderGroups, intervals);
    }

    /**
     * One object's holders with one stack (or call site), counted: what {@code diff} compares.
     *
     * @param object the object's name with its namespace
     * @param site   the call site
     * @param stack  the page's stack id, or {@code null}
     * @param count  holders
     */
    public record GroupCount(String object, String site, String stack, int count) {}
}
