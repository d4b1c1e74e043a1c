package org.reftrace.kernellog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Health;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Problem;
import org.reftrace.dump.ProblemGroup;
import org.reftrace.dump.Summary;
import org.reftrace.dump.TrackedObject;
import org.reftrace.dump.Wait;

/**
 * A kernel log's reports as a {@link Dump}, so one page shows a real kernel's leak and the agent's alike. Per
 * device: one wait spanning its "waiting for" repeats, one {@code wait-warning} event per repeat carrying the
 * usage count, and its users as holders, grouped by allocation stack. The same stack printed again at every
 * repeat is the same users: groups are merged across repeats by their frames (the largest count wins), and a
 * group cut short by the end of the log adds nothing.
 */
public final class KernelLogDumps {
    /** The kernel's ref_tracker records where a reference was taken, not who holds it. */
    static final String NO_OWNER = "not recorded by the kernel";
    /** The kind of object a kernel log reports. */
    public static final String KIND = "netdev (kernel log)";
    /** The profile a kernel log's objects are tracked by: the kernel's own ref_tracker. */
    public static final String PROFILE = "kernel-log";
    /** The kernel's type for them. */
    static final String CLASS = "struct net_device";

    private KernelLogDumps() {}

    public static Dump toDump(KernelLogReport log) {
        Map<String, List<String>> stacks = new LinkedHashMap<>();
        Map<List<String>, String> stackIds = new HashMap<>();
        Map<String, List<KernelLogReport.Repeat>> byDevice = new LinkedHashMap<>();
        for (KernelLogReport.Repeat r : log.repeats()) {
            byDevice.computeIfAbsent(r.device(), d -> new ArrayList<>()).add(r);
        }
        Map<String, List<KernelLogReport.Group>> orphansByDevice = new LinkedHashMap<>();
        for (KernelLogReport.Group g : log.orphans()) {
            orphansByDevice.computeIfAbsent(g.dir(), d -> new ArrayList<>()).add(g);
        }
        Set<String> devices = new LinkedHashSet<>(byDevice.keySet());
        devices.addAll(orphansByDevice.keySet());

        List<TrackedObject> objects = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Wait> waits = new ArrayList<>();
        long id = 0;
        for (String device : devices) {
            id++;
            List<KernelLogReport.Repeat> repeats = byDevice.getOrDefault(device, List.of());
            List<KernelLogReport.Group> groups = merge(repeats, orphansByDevice.getOrDefault(device, List.of()));
            List<Holder> holders = new ArrayList<>();
            for (KernelLogReport.Group g : groups) {
                String stack = stackIds.computeIfAbsent(g.frames(), f -> {
                    String sid = "k" + (stacks.size() + 1);
                    stacks.put(sid, f);
                    return sid;
                });
                String site = g.frames().isEmpty() ? "(stack not in the log)" : g.frames().get(0);
                String task = repeats.isEmpty() ? "?" : String.valueOf(repeats.get(repeats.size() - 1).task());
                for (int i = 0; i < g.count(); i++) {
                    holders.add(new Holder(site, NO_OWNER, "ref_tracker " + g.dir(), task, 0, 0, "tracker", stack));
                }
            }
            List<LifecycleEvent> events = new ArrayList<>();
            for (KernelLogReport.Repeat r : repeats) {
                events.add(new LifecycleEvent("wait-warning", Math.max(0, r.timeNanos()), r.task(),
                        (long) r.usageCount()));
            }
            Integer usage = repeats.isEmpty() ? null : repeats.get(repeats.size() - 1).usageCount();
            String state = repeats.isEmpty() ? "leaked" : "waiting";
            // a kernel log does not say which namespace a device lived in: two devices of one name are one here
            objects.add(new TrackedObject(id, KIND, device, state, usage, 0, true, events, holders, PROFILE, null, CLASS));
            if (!repeats.isEmpty()) {
                KernelLogReport.Repeat first = repeats.get(0);
                KernelLogReport.Repeat last = repeats.get(repeats.size() - 1);
                long start = Math.max(0, first.timeNanos());
                waits.add(new Wait(id, device, start, Math.max(0, last.timeNanos()) - start, "ongoing", repeats.size(),
                        KIND));
                int skipped = last.skipped();
                problems.add(new Problem("lingering-holders", id, device, "\"waiting for " + device
                        + " to become free\" printed " + repeats.size() + " time" + (repeats.size() == 1 ? "" : "s")
                        + ", usage count " + last.usageCount() + "; " + holders.size() + " tracked user"
                        + (holders.size() == 1 ? "" : "s") + " in " + groups.size() + " stack"
                        + (groups.size() == 1 ? "" : "s") + (skipped > 0 ? ", " + skipped + " more not printed" : "")
                        + (holders.size() + 1 < last.usageCount() ? "; " + (last.usageCount() - 1 - holders.size())
                                + " reference(s) untracked (dev_hold without a tracker)" : ""),
                        groups.isEmpty() || groups.get(0).frames().isEmpty() ? null : groups.get(0).frames().get(0),
                        last.task(), start, groups.isEmpty() ? List.of() : groups.get(0).frames(), List.of(), KIND, -1,
                        List.of()));
            }
        }
        String only = devices.size() == 1 ? devices.iterator().next() : "(device not named in the log)";
        for (KernelLogReport.Release r : log.releases()) {
            problems.add(new Problem("reference-already-released", devices.size() == 1 ? 1 : 0, only,
                    "ref_tracker: reference already released: allocated in " + first(r.allocatedIn())
                            + ", first released in " + first(r.freedIn()) + " (log line " + r.line() + ")",
                    first(r.allocatedIn()), r.task(), Math.max(0, r.timeNanos()), r.allocatedIn(), r.freedIn(), KIND, -1,
                    List.of()));
        }
        List<ProblemGroup> groups = new ArrayList<>();
        problems = grouped(problems, groups);
        Map<String, Integer> byType = new TreeMap<>();
        problems.forEach(p -> byType.merge(p.type(), 1, Integer::sum));
        int holders = objects.stream().mapToInt(o -> o.holders().size()).sum();
        return new Dump(Dump.VERSION,
                new Meta(java.time.Instant.now().toString(), 0, "Linux kernel log " + log.source(), PROFILE,
                        "kernel-log", "", 0, List.of(PROFILE), null, null, "the kernel log's timestamps"),
                new Health(0, 0, 0, 0, List.of(), List.of(), false, 0, 0, "as printed by ref_tracker"),
                new Summary(objects.size(), holders, holders, 0, problems.size(), byType, 0), objects, problems, waits,
                Map.of(), List.of(), stacks, groups, List.of());
    }

    /** The problems, each marked with its group (type, kind and site), and the groups with their counts. */
    private static List<Problem> grouped(List<Problem> problems, List<ProblemGroup> groups) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        Map<Integer, long[]> counts = new LinkedHashMap<>();
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            int id = ids.computeIfAbsent(p.type() + "\u0000" + p.site(), k -> ids.size());
            counts.computeIfAbsent(id, k -> new long[1])[0]++;
            out.add(new Problem(p.type(), p.objectId(), p.object(), p.message(), p.site(), p.thread(), p.atNanos(),
                    p.stack(), p.otherStack(), p.kind(), id, p.origins()));
        }
        ids.forEach((key, id) -> {
            Problem first = out.stream().filter(p -> p.groupId() == id).findFirst().orElseThrow();
            int n = (int) counts.get(id)[0];
            groups.add(new ProblemGroup(id, first.type(), KIND, first.site(), n, n));
        });
        return out;
    }

    private static String first(List<String> frames) {
        return frames.isEmpty() ? "(no frames)" : frames.get(0);
    }

    /** Groups by frames over every repeat (and orphan reports); the largest count of each stack wins. */
    private static List<KernelLogReport.Group> merge(List<KernelLogReport.Repeat> repeats,
            List<KernelLogReport.Group> orphans) {
        Map<List<String>, KernelLogReport.Group> merged = new LinkedHashMap<>();
        List<KernelLogReport.Group> all = new ArrayList<>(orphans);
        repeats.forEach(r -> all.addAll(r.groups()));
        for (KernelLogReport.Group g : all) {
            if (g.frames().isEmpty()) {
                continue; // cut short: nothing to say which users it counts
            }
            merged.merge(g.frames(), g, (a, b) -> a.count() >= b.count() ? a : b);
        }
        return new ArrayList<>(merged.values());
    }
}
