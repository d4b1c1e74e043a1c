package org.reftrace.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.reftrace.analysis.DumpSource;
import org.reftrace.analysis.Finding;
import org.reftrace.analysis.FleetSuspect;
import org.reftrace.analysis.FleetSuspects;
import org.reftrace.analysis.Jvm;
import org.reftrace.analysis.Jvms;
import org.reftrace.analysis.StackTable;
import org.reftrace.analysis.Suspect;
import org.reftrace.analysis.Verdict;
import org.reftrace.dump.Dump;
import org.reftrace.dump.TrackedObject;

/**
 * Turns one or more dumps into what a page shows. Dumps are sorted into JVMs (periodic dumps of one run are one
 * JVM: its newest dump says what is true now, the older ones how it got there); each object keeps its identity
 * (JVM and the agent's id) from dump to page, and problems, waits and holders join by it; holders are grouped
 * across objects and JVMs into the signatures and findings of {@code org.reftrace.analysis}, the one ranking the
 * console and {@code --fail-on-leak} use too. Pure: no files, no HTML.
 */
public final class ReportBuilder {
    /** A dump and what to call it. */
    public record Source(String name, Dump dump) {}

    private ReportBuilder() {}

    public static ReportData build(String title, List<Source> sources, Progress progress) {
        List<Jvm> jvms = Jvms.of(sources.stream().map(s -> new DumpSource(s.name(), s.dump())).toList());
        long objects = jvms.stream().mapToLong(j -> j.newest().objects().size()).sum();
        progress.step("finding leak signatures across " + objects + " objects"
                + (jvms.size() > 1 ? " of " + jvms.size() + " JVMs" : ""));
        List<FleetSuspect> fleet = FleetSuspects.of(jvms);
        List<Suspect> suspects = FleetSuspects.suspects(fleet);
        List<Dump> newest = jvms.stream().map(Jvm::newest).toList();
        Verdict verdict = Verdict.of(newest, suspects);
        StackTable stacks = new StackTable("s");
        SignatureViews signatures = new SignatureViews(fleet, jvms, stacks);
        ProblemViews problems = new ProblemViews(jvms, stacks);
        progress.step("grouping holders of " + objects + " objects");
        ObjectViews objectViews = new ObjectViews(jvms, signatures, problems, stacks);
        FlameView flame = FlameViews.of(jvms);
        TimingsView timings = TimingViews.of(jvms);
        List<HealthView> health = HealthViews.of(jvms);
        List<FindingView> findings = findings(verdict, suspects, problems);
        long hungWaits = newest.stream().flatMap(d -> d.waits().stream())
                .filter(w -> !w.outcome().equals("completed")).count();
        long budgets = health.stream().flatMap(h -> h.budgets().stream()).mapToLong(HealthView.Issue::count).sum();
        VerdictView verdictView = new VerdictView(verdict.objectsHeld(), verdict.lingeringHolders(),
                verdict.unattributed(), verdict.problems(), verdict.problemsByType(), hungWaits, verdict.failures(),
                budgets, verdict.leaks(), verdict.top() == null ? null : verdict.top().headline());
        return new ReportData(title, Instant.now().toString(), sources.stream().map(Source::name).toList(),
                jvmViews(jvms), verdictView, findings, signatures.views, flame, objectViews.full, objectViews.index,
                problems.views, timings, health, stacks.asMap(),
                summarised(objectViews, flame, timings, signatures.views), null, objectViews.groupCounts,
                intervals(jvms));
    }

    private static List<FindingView> findings(Verdict verdict, List<Suspect> suspects, ProblemViews problems) {
        List<FindingView> out = new ArrayList<>();
        for (Finding f : verdict.findings()) {
            if (f instanceof Finding.Holders h) {
                int rank = 0;
                for (int i = 0; i < suspects.size() && rank == 0; i++) {
                    if (suspects.get(i) == h.suspect()) {
                        rank = i + 1;
                    }
                }
                out.add(new FindingView("holders", f.headline(), f.site(), h.suspect().holders(), rank, -1));
            } else if (f instanceof Finding.Problems p) {
                out.add(new FindingView("problems", f.headline(), f.site(), p.count(), 0,
                        problems.indexOf(p.type(), p.kind(), p.site())));
            }
        }
        return out;
    }

    private static List<JvmView> jvmViews(List<Jvm> jvms) {
        List<JvmView> out = new ArrayList<>();
        for (Jvm jvm : jvms) {
            List<JvmView.Point> points = new ArrayList<>();
            for (DumpSource s : jvm.dumps()) {
                long lingering = 0;
                long held = 0;
                for (TrackedObject o : s.dump().objects()) {
                    if (o.shouldBeFree() && !o.holders().isEmpty()) {
                        held++;
                        lingering += o.holders().size();
                    }
                }
                points.add(new JvmView.Point(s.dump().meta().uptimeNanos(), s.dump().summary().holders(), lingering,
                        held));
            }
            Dump newest = jvm.newest();
            out.add(new JvmView(jvm.index(), jvm.label(), newest.meta().jvm(), newest.meta().profiles(),
                    jvm.dumps().stream().map(DumpSource::name).toList(), newest.meta().trigger(),
                    newest.meta().createdAt(), newest.meta().uptimeNanos(), newest.meta().holdTiming(),
                    Jvms.isKernelLog(newest), points));
        }
        return out;
    }

    private static List<IntervalSource> intervals(List<Jvm> jvms) {
        List<IntervalSource> out = new ArrayList<>();
        for (Jvm jvm : jvms) {
            for (DumpSource s : jvm.dumps()) {
                java.util.Map<String, String> kinds = new java.util.HashMap<>();
                ObjectKinds resolver = null;
                for (var h : s.dump().histograms()) {
                    if (h.metric().equals(TimingViews.WAIT)) {
                        if (resolver == null) {
                            resolver = new ObjectKinds(s.dump());
                        }
                        kinds.put(h.key(), resolver.kindOf(h.key()));
                    }
                }
                out.add(new IntervalSource(jvm.index(), jvm.startEpochMillis(), s.dump().meta().uptimeNanos(), kinds,
                        s.dump().histograms()));
            }
        }
        return out;
    }

    private static List<String> summarised(ObjectViews objects, FlameView flame, TimingsView timings,
            List<SignatureView> signatures) {
        List<String> out = new ArrayList<>();
        if (objects.summarised > 0) {
            out.add(String.format(Locale.ROOT, "%,d objects are listed, not drawn: %,d are shown in full (those with "
                    + "something to report, at most %d: held while they should be free, hung, with problems first); "
                    + "search finds all %,d", objects.summarised, objects.full.size(), PageLimits.FULL_OBJECTS,
                    objects.index.total()));
        }
        long longSignatures = signatures.stream().filter(s -> s.objects() > s.examples().size()).count();
        if (longSignatures > 0) {
            out.add(longSignatures + " signature" + (longSignatures == 1 ? " keeps" : "s keep") + " more objects than "
                    + "it links to (the first " + PageLimits.SIGNATURE_EXAMPLES + " each); the index has the rest");
        }
        if (flame.pruned() > 0) {
            out.add(String.format(Locale.ROOT, "the flame graph shows its %,d heaviest frames; %,d lighter ones are "
                    + "counted in their callers", flame.frame().length, flame.pruned()));
        }
        if (timings.waitObjectsTotal() > timings.waitObjects().size()) {
            out.add(String.format(Locale.ROOT, "per-object waits: the %,d longest of %,d are listed",
                    timings.waitObjects().size(), timings.waitObjectsTotal()));
        }
        for (ObjectView o : objects.full) {
            if (o.holdsOmitted() > 0) {
                out.add("timelines mark at most " + PageLimits.HOLD_MARKS + " holds per object (the oldest)");
                break;
            }
        }
        return out;
    }
}
