package org.reftrace.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.reftrace.analysis.HistogramMerger;
import org.reftrace.dump.Drop;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Health;
import org.reftrace.dump.HistogramSummary;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Origin;
import org.reftrace.dump.Problem;
import org.reftrace.dump.ProblemGroup;
import org.reftrace.dump.ProfileHealth;
import org.reftrace.dump.SiteStats;
import org.reftrace.dump.Summary;
import org.reftrace.dump.TrackedObject;
import org.reftrace.dump.Wait;

/**
 * Version 2 dumps for viewer tests, with every v2 field in use: namespaces, classes, profiles, chain links,
 * after-unregister marks, representative stacks, problem kinds, groups and origins, per-site counts, drops and
 * budgets, host and program. Crafted here, not taken from an agent.
 */
public final class DumpBuilder {
    private final long pid;
    private String createdAt = "2026-12-01T10:00:10Z";
    private long uptimeNanos = 10_000_000_000L;
    private final List<TrackedObject> objects = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Wait> waits = new ArrayList<>();
    private final List<HistogramSummary> histograms = new ArrayList<>();
    private final Map<String, List<String>> stacks = new LinkedHashMap<>();
    private final List<ProblemGroup> groups = new ArrayList<>();
    private final List<SiteStats> sites = new ArrayList<>();
    private Health health = new Health(0, 0, 0, 0, List.of(), List.of("maxHolds=2000000", "maxProblems=10000",
            "stacks=16"), false, 9, 41, "the first 16 holds at each call site", List.of(), List.of(
            new ProfileHealth("netdev", "built-in", 9, 9, List.of(), 120)), List.of(), List.of(), 0);

    public DumpBuilder(long pid) {
        this.pid = pid;
    }

    /** When it was taken: the agent's uptime then, and the creation time that goes with one start instant. */
    public DumpBuilder at(long uptimeSeconds) {
        this.uptimeNanos = uptimeSeconds * 1_000_000_000L;
        this.createdAt = java.time.Instant.parse("2026-12-01T10:00:00Z").plusSeconds(uptimeSeconds).toString();
        return this;
    }

    public static Holder holder(String site, String owner, String stack, long sinceNanos, long heldNanos) {
        return new Holder(site, owner, "app.Owner", "worker-1", sinceNanos, heldNanos, "owner", stack, null, false, false);
    }

    public static Holder held(String site, String owner, String ownerClass, String stack, Long ownerObjectId,
            boolean afterUnregister, boolean representative) {
        return new Holder(site, owner, ownerClass, "worker-1", 2_000_000_000L, 8_000_000_000L, "owner", stack,
                ownerObjectId, afterUnregister, representative);
    }

    /** A device that should be free and is still held: unregistered, its wait hung. */
    public DumpBuilder hung(long id, String name, String namespace, Holder... holders) {
        objects.add(new TrackedObject(id, "netdev", name, "hung", holders.length + 1, 0, true, List.of(
                new LifecycleEvent("alloc", 1_000_000_000L, "main"), new LifecycleEvent("register", 1_100_000_000L, "main"),
                new LifecycleEvent("unregister", 3_000_000_000L, "main"),
                new LifecycleEvent("wait-start", 3_000_100_000L, "main"),
                new LifecycleEvent("wait-warning", 4_000_000_000L, "main", (long) holders.length + 1),
                new LifecycleEvent("wait-warning", 5_000_000_000L, "main", (long) holders.length + 1),
                new LifecycleEvent("wait-gave-up", 6_000_000_000L, "main")), List.of(holders), "netdev", namespace,
                "org.reftrace.netdev.NetDevice"));
        waits.add(new Wait(id, name, 3_000_100_000L, 2_999_900_000L, "gave-up", 2, "netdev"));
        return this;
    }

    /** Any object. */
    public DumpBuilder object(long id, String kind, String name, String namespace, String state, boolean shouldBeFree,
            Holder... holders) {
        objects.add(new TrackedObject(id, kind, name, state, state.equals("freed") ? null : holders.length + 1, 0,
                shouldBeFree, List.of(new LifecycleEvent("alloc", 500_000_000L, "main")), List.of(holders), kind,
                namespace, "app." + kind));
        return this;
    }

    public DumpBuilder stack(String id, String... frames) {
        stacks.put(id, List.of(frames));
        return this;
    }

    public DumpBuilder problem(String type, long objectId, String object, String message, String site, int groupId,
            Origin... origins) {
        problems.add(new Problem(type, objectId, object, message, site, "worker-1", 4_000_000_000L,
                site == null ? List.of() : List.of(site, "app.Main.main(Main.java:1)"), List.of(), "netdev", groupId,
                List.of(origins)));
        return this;
    }

    public DumpBuilder group(int id, String type, String site, long count, int listed) {
        groups.add(new ProblemGroup(id, type, "netdev", site, count, listed));
        return this;
    }

    public DumpBuilder site(String site, long taken, long released) {
        sites.add(new SiteStats(site, "netdev", "hold", taken, released));
        return this;
    }

    public DumpBuilder histogram(String metric, String key, long... values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        Map<String, Long> percentiles = new LinkedHashMap<>();
        percentiles.put("50", h.getValueAtPercentile(50));
        histograms.add(new HistogramSummary(metric, key, "ns", h.getTotalCount(), h.getMinValue(), h.getMaxValue(),
                h.getMean(), percentiles, HistogramMerger.encode(h)));
        return this;
    }

    public DumpBuilder health(long adviceFailures, List<String> failedToInstrument, List<String> missing,
            List<Drop> drops, List<Drop> budgets, long stacksDropped) {
        health = new Health(adviceFailures, 0, 0, stacksDropped, failedToInstrument, health.limits(), false, 9, 41,
                health.stackMode(), missing, health.profiles(), drops, budgets, 0);
        return this;
    }

    public Dump build() {
        int holders = objects.stream().mapToInt(o -> o.holders().size()).sum();
        int lingering = objects.stream().filter(TrackedObject::shouldBeFree).mapToInt(o -> o.holders().size()).sum();
        Map<String, Integer> byType = new TreeMap<>();
        problems.forEach(p -> byType.merge(p.type(), 1, Integer::sum));
        long total = groups.isEmpty() ? problems.size() : groups.stream().mapToLong(ProblemGroup::count).sum();
        return new Dump(Dump.VERSION, new Meta(createdAt, pid, "OpenJDK 64-Bit Server VM 17", "netdev", "periodic",
                "dump=x", uptimeNanos, List.of("netdev"), "host-" + pid % 3, "org.example.Service", "coarse clock, 1 ms"),
                health, new Summary(objects.size(), lingering, holders, 0, (int) total, byType, 0), objects, problems,
                waits, Map.of("owner", (long) holders), histograms, stacks, groups, sites);
    }
}
