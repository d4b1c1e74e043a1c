package org.reftrace.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the holder groups of two reports: which are new, gone, grown, shrunk or the same. A group is the
 * same group in both when its object's name and its stack's frames (or its call site) are the same.
 */
public final class DiffBuilder {
    private DiffBuilder() {}

    /** The AFTER report, with the comparison rows, and BEFORE's stacks merged in for gone groups. */
    public static ReportData diff(ReportData before, ReportData after) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String[]> info = new LinkedHashMap<>();
        collect(before, 0, counts, info);
        collect(after, 1, counts, info);
        Map<String, List<String>> stacks = new LinkedHashMap<>(after.stacks());
        Map<List<String>, String> known = new LinkedHashMap<>();
        stacks.forEach((id, frames) -> known.put(frames, id));
        List<DiffRow> rows = new ArrayList<>();
        Set<String> order = new LinkedHashSet<>(counts.keySet());
        for (String key : order) {
            int[] c = counts.get(key);
            String[] i = info.get(key);
            String stack = i[2];
            if (c[1] == 0 && i[3] != null) {
                List<String> frames = before.stacks().get(i[3]);
                if (frames != null) {
                    stack = known.computeIfAbsent(frames, f -> {
                        String id = "b" + (known.size() + 1);
                        stacks.put(id, f);
                        return id;
                    });
                }
            }
            String status = c[0] == 0 ? "new" : c[1] == 0 ? "gone" : c[1] > c[0] ? "grown" : c[1] < c[0] ? "shrunk" : "same";
            rows.add(new DiffRow(status, i[0], i[1], stack, c[0], c[1]));
        }
        rows.sort(java.util.Comparator.comparingInt((DiffRow r) -> switch (r.status()) {
            case "new" -> 0;
            case "grown" -> 1;
            case "shrunk" -> 2;
            case "gone" -> 3;
            default -> 4;
        }).thenComparing(r -> -Math.abs(r.after() - r.before())));
        return new ReportData(after.title(), after.generatedAt(), concat(before.sources(), after.sources()),
                after.metas(), after.health(), after.verdict(), after.objects(), after.problems(), after.histograms(),
                after.pairings(), stacks, rows);
    }

    private static void collect(ReportData report, int side, Map<String, int[]> counts, Map<String, String[]> info) {
        for (ObjectView o : report.objects()) {
            for (HolderGroup g : o.groups()) {
                List<String> frames = g.stack() != null ? report.stacks().get(g.stack()) : null;
                String key = o.name() + "\u0000" + (frames != null ? String.join("\n", frames) : g.site());
                counts.computeIfAbsent(key, k -> new int[2])[side] += g.count();
                String[] i = info.computeIfAbsent(key, k -> new String[4]);
                i[0] = o.name();
                i[1] = g.site();
                if (side == 1) {
                    i[2] = g.stack();
                } else {
                    i[3] = g.stack();
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
