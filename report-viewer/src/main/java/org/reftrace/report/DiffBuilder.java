package org.reftrace.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the holder groups of two reports: which are new, gone, grown, shrunk or the same. A group is the same
 * group in both when its object's name (with its namespace) and its stack's frames (or, without a stack, its call
 * site) are the same.
 */
public final class DiffBuilder {
    private DiffBuilder() {}

    private static final class Row {
        String object;
        String site;
        List<String> frames;
        int before;
        int after;
    }

    /** The AFTER report, with the comparison rows, and BEFORE's stacks added for gone groups. */
    public static ReportData diff(ReportData before, ReportData after) {
        Map<String, Row> rows = new LinkedHashMap<>();
        collect(before, true, rows);
        collect(after, false, rows);
        Map<String, List<String>> stacks = new LinkedHashMap<>(after.stacks());
        Map<List<String>, String> ids = new LinkedHashMap<>();
        stacks.forEach((id, frames) -> ids.putIfAbsent(frames, id));
        List<DiffRow> out = new ArrayList<>();
        for (Row r : rows.values()) {
            String stack = null;
            if (r.frames != null) {
                stack = ids.computeIfAbsent(r.frames, f -> {
                    String id = "b" + (ids.size() + 1);
                    stacks.put(id, f);
                    return id;
                });
            }
            String status = r.before == 0 ? "new" : r.after == 0 ? "gone" : r.after > r.before ? "grown"
                    : r.after < r.before ? "shrunk" : "same";
            out.add(new DiffRow(status, r.object, r.site, stack, r.before, r.after));
        }
        out.sort(Comparator.comparingInt((DiffRow r) -> switch (r.status()) {
            case "new" -> 0;
            case "grown" -> 1;
            case "shrunk" -> 2;
            case "gone" -> 3;
            default -> 4;
        }).thenComparingInt(r -> -Math.abs(r.after() - r.before())));
        List<String> sources = new ArrayList<>(before.sources());
        sources.addAll(after.sources());
        return after.withDiff(out, stacks, sources);
    }

    private static void collect(ReportData report, boolean before, Map<String, Row> rows) {
        for (ReportData.GroupCount g : report.holderGroups()) {
            List<String> frames = g.stack() != null ? report.stacks().get(g.stack()) : null;
            String key = g.object() + "\u0000" + (frames != null ? String.join("\n", frames) : g.site());
            Row row = rows.computeIfAbsent(key, k -> new Row());
            row.object = g.object();
            row.site = g.site();
            if (frames != null && (row.frames == null || !before)) {
                row.frames = frames;
            }
            if (before) {
                row.before += g.count();
            } else {
                row.after += g.count();
            }
        }
    }
}
