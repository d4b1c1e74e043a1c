package org.reftrace.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Health;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Problem;
import org.reftrace.dump.TrackedObject;
import org.reftrace.dump.Wait;

/**
 * Turns one or more dumps into what a page shows: objects with the same kind and name add up across dumps
 * (many runs of one bug), holders are grouped by stack, stack tables are merged, histograms are summed.
 * Pure: no files, no HTML.
 */
public final class ReportBuilder {
    /** Owners listed per group. */
    static final int MAX_OWNERS = 5;

    /** A dump and what to call it. */
    public record Source(String name, Dump dump) {}

    private final Map<List<String>, String> stackIds = new HashMap<>();
    private final Map<String, List<String>> stacks = new LinkedHashMap<>();

    private ReportBuilder() {}

    public static ReportData build(String title, List<Source> sources, Progress progress) {
        return new ReportBuilder().assemble(title, sources, progress);
    }

    /** An object being assembled from one or more dumps. */
    private static final class Accumulator {
        long id;
        String source;
        String kind;
        String name;
        String state;
        Integer refcount;
        int unattributed;
        boolean shouldBeFree;
        final List<LifecycleEvent> lifecycle = new ArrayList<>();
        final List<Wait> waits = new ArrayList<>();
        final List<Holder> holders = new ArrayList<>();
    }

    private ReportData assemble(String title, List<Source> sources, Progress progress) {
        Map<String, Accumulator> objects = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        HistogramMerger histograms = new HistogramMerger();
        Map<String, Long> pairings = new TreeMap<>();
        List<Meta> metas = new ArrayList<>();
        List<Health> health = new ArrayList<>();
        for (Source source : sources) {
            Dump dump = source.dump();
            progress.step("grouping " + dump.summary().holders() + " holders of " + dump.objects().size()
                    + " objects from " + source.name());
            metas.add(dump.meta());
            health.add(dump.health());
            Map<Long, List<Wait>> waitsById = new HashMap<>();
            dump.waits().forEach(w -> waitsById.computeIfAbsent(w.objectId(), k -> new ArrayList<>()).add(w));
            for (TrackedObject o : dump.objects()) {
                Accumulator a = objects.computeIfAbsent(o.kind() + "\u0000" + o.name(), k -> new Accumulator());
                if (a.name == null) {
                    a.id = objects.size();
                    a.source = source.name();
                    a.kind = o.kind();
                    a.name = o.name();
                } else if (!a.source.equals(source.name()) && !a.source.contains(source.name())) {
                    a.source = a.source + ", " + source.name();
                }
                a.state = o.state();
                a.refcount = o.refcount() != null ? o.refcount() : a.refcount;
                a.unattributed += o.unattributed();
                a.shouldBeFree |= o.shouldBeFree();
                a.lifecycle.addAll(o.lifecycle());
                a.waits.addAll(waitsById.getOrDefault(o.id(), List.of()));
                for (Holder h : o.holders()) {
                    a.holders.add(h.stack() == null ? h : withStack(h, remap(dump, h.stack())));
                }
            }
            for (Problem p : dump.problems()) {
                problems.add(p);
            }
            dump.histograms().forEach(histograms::add);
            dump.pairings().forEach((k, v) -> pairings.merge(k, v, Long::sum));
        }
        List<ObjectView> views = new ArrayList<>();
        for (Accumulator a : objects.values()) {
            views.add(new ObjectView(a.id, a.source, a.kind, a.name, a.state, a.refcount, a.unattributed,
                    a.shouldBeFree, a.lifecycle, a.waits, groups(a.holders), a.holders.size()));
        }
        views.sort(Comparator.comparing((ObjectView v) -> !(v.shouldBeFree() && v.holders() > 0))
                .thenComparing(v -> -v.holders()).thenComparingLong(ObjectView::id));
        return new ReportData(title, Instant.now().toString(), sources.stream().map(Source::name).toList(), metas,
                health, verdict(views, problems, health), views, problems, histograms.summaries(), pairings, stacks,
                null);
    }

    private static Holder withStack(Holder h, String stack) {
        return new Holder(h.site(), h.owner(), h.ownerClass(), h.thread(), h.sinceNanos(), h.heldNanos(),
                h.pairing(), stack);
    }

    /** The page's id for a dump's stack, shared by identical stacks from any dump. */
    private String remap(Dump dump, String id) {
        List<String> frames = dump.stacks().get(id);
        if (frames == null) {
            return null;
        }
        return stackIds.computeIfAbsent(frames, f -> {
            String pageId = "s" + (stacks.size() + 1);
            stacks.put(pageId, f);
            return pageId;
        });
    }

    static List<HolderGroup> groups(List<Holder> holders) {
        Map<String, List<Holder>> byKey = new LinkedHashMap<>();
        for (Holder h : holders) {
            byKey.computeIfAbsent(h.stack() != null ? h.stack() : h.site(), k -> new ArrayList<>()).add(h);
        }
        List<HolderGroup> groups = new ArrayList<>();
        byKey.forEach((key, members) -> {
            Map<String, Integer> owners = new LinkedHashMap<>();
            Map<String, Integer> threads = new LinkedHashMap<>();
            long min = Long.MAX_VALUE;
            long max = 0;
            for (Holder h : members) {
                owners.merge(h.owner() != null ? h.owner() : "(static) " + h.ownerClass(), 1, Integer::sum);
                threads.merge(h.thread(), 1, Integer::sum);
                min = Math.min(min, h.heldNanos());
                max = Math.max(max, h.heldNanos());
            }
            List<HolderGroup.Count> topOwners = owners.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(MAX_OWNERS)
                    .map(e -> new HolderGroup.Count(e.getKey(), e.getValue())).toList();
            Holder first = members.get(0);
            groups.add(new HolderGroup(first.site(), first.stack(), members.size(), topOwners,
                    threads.keySet().stream().limit(3).toList(), min, max, first.pairing()));
        });
        groups.sort(Comparator.comparingInt(HolderGroup::count).reversed());
        return groups;
    }

    private static Verdict verdict(List<ObjectView> objects, List<Problem> problems, List<Health> health) {
        int held = 0;
        int lingering = 0;
        int unattributed = 0;
        for (ObjectView o : objects) {
            if (o.shouldBeFree() && o.holders() > 0) {
                held++;
                lingering += o.holders();
            }
            unattributed += o.unattributed();
        }
        Map<String, Integer> byType = new TreeMap<>();
        problems.forEach(p -> byType.merge(p.type(), 1, Integer::sum));
        long failures = health.stream().mapToLong(Health::adviceFailures).sum();
        long dropped = health.stream().mapToLong(h -> h.holdsDropped() + h.problemsDropped() + h.stacksDropped()).sum();
        int failed = health.stream().mapToInt(h -> h.failedToInstrument().size()).sum();
        return new Verdict(held, lingering, unattributed, problems.size(), byType, failures, dropped, failed);
    }
}
