package org.reftrace.report;

import java.util.List;
import java.util.Map;
import org.reftrace.dump.Health;
import org.reftrace.dump.HistogramSummary;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Problem;

/**
 * Everything one page shows, as the page's script receives it (serialised to JSON into the page's single
 * data slot). Immutable.
 *
 * @param title      the page's title
 * @param sources    where the data came from (one entry per dump)
 * @param metas      each dump's meta, in the same order
 * @param health     each dump's agent health, in the same order
 * @param stacks     the stack table, id → frames; ids are the page's own (dumps' tables are merged)
 * @param diff       the comparison rows, for a diff page; otherwise {@code null}
 */
public record ReportData(String title, String generatedAt, List<String> sources, List<Meta> metas,
        List<Health> health, Verdict verdict, List<ObjectView> objects, List<Problem> problems,
        List<HistogramSummary> histograms, Map<String, Long> pairings, Map<String, List<String>> stacks,
        List<DiffRow> diff) {}
