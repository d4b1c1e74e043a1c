package org.reftrace.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reftrace.analysis.DumpSource;
import org.reftrace.analysis.HolderGroups;
import org.reftrace.analysis.Jvm;
import org.reftrace.analysis.StackTable;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Holder;
import org.reftrace.dump.TrackedObject;
import org.reftrace.dump.Wait;

/**
 * Every object of every JVM's newest dump, each keeping its identity (JVM and the agent's id): the most
 * interesting ones in full, with their holders grouped and their timelines, the rest in the searchable index.
 *
 * <p>Implementation notes. An object is interesting, in this order: held while it should be free; in a wait that
 * never ended; the subject of a problem; with unattributed references; held at all; the rest. Within a class, the
 * signature keeping it ranks it, then its holders. Only the first {@link PageLimits#FULL_OBJECTS} are built in
 * full; their timelines look back through the older dumps of their JVM (periodic dumps), once per dump, for their
 * counts then and for holds put back since.
 */
final class ObjectViews {
    final List<ObjectView> full = new ArrayList<>();
    final ObjectIndex index;
    final List<ReportData.GroupCount> groupCounts = new ArrayList<>();
    final int summarised;

    private record Candidate(Jvm jvm, TrackedObject object, int interest, int rank) {}

    ObjectViews(List<Jvm> jvms, SignatureViews signatures, ProblemViews problems, StackTable stacks) {
        List<Candidate> all = new ArrayList<>();
        List<Map<Long, List<Wait>>> waits = new ArrayList<>();
        for (Jvm jvm : jvms) {
            Dump dump = jvm.newest();
            Map<Long, List<Wait>> byId = new HashMap<>();
            dump.waits().forEach(w -> byId.computeIfAbsent(w.objectId(), k -> new ArrayList<>(1)).add(w));
            waits.add(byId);
            for (TrackedObject o : dump.objects()) {
                List<Integer> ranks = signatures.ranksOf(jvm.index(), o.id());
                all.add(new Candidate(jvm, o, interest(o, byId.get(o.id()), problems.concerns(jvm.index(), o.id())),
                        ranks.isEmpty() ? Integer.MAX_VALUE : ranks.get(0)));
                groupCounts(dump, o, stacks);
            }
        }
        all.sort(Comparator.comparingInt(Candidate::interest).thenComparingInt(Candidate::rank)
                .thenComparingInt(c -> -c.object().holders().size())
                .thenComparingInt(c -> c.jvm().index()).thenComparingLong(c -> c.object().id()));
        // objects with nothing to say (not held, no wait, no problem) are only listed
        int worthACard = (int) all.stream().filter(c -> c.interest() < QUIET).count();
        int inFull = Math.min(worthACard, PageLimits.FULL_OBJECTS);
        Map<Integer, Set<Long>> fullIds = new HashMap<>();
        for (Candidate c : all.subList(0, inFull)) {
            fullIds.computeIfAbsent(c.jvm().index(), k -> new HashSet<>()).add(c.object().id());
        }
        Map<String, History> histories = histories(jvms, fullIds);
        for (Candidate c : all.subList(0, inFull)) {
            full.add(view(c, waits.get(c.jvm().index()).getOrDefault(c.object().id(), List.of()), signatures,
                    problems, stacks, histories.get(c.jvm().key(c.object().id()))));
        }
        index = index(all.subList(inFull, all.size()), all.size());
        summarised = all.size() - inFull;
    }

    private static int interest(TrackedObject o, List<Wait> waits, boolean hasProblems) {
        if (o.shouldBeFree() && !o.holders().isEmpty()) {
            return 0;
        }
        if (waits != null && waits.stream().anyMatch(w -> !w.outcome().equals("completed"))) {
            return 1;
        }
        if (hasProblems) {
            return 2;
        }
        if (o.unattributed() > 0) {
            return 3;
        }
        return o.holders().isEmpty() ? QUIET : 4;
    }

    /** The interest of an object with nothing to report. */
    private static final int QUIET = 5;

    private void groupCounts(Dump dump, TrackedObject o, StackTable stacks) {
        if (o.holders().isEmpty()) {
            return;
        }
        if (o.holders().size() == 1) {
            Holder h = o.holders().get(0);
            groupCounts.add(new ReportData.GroupCount(o.qualifiedName(), h.site(), stacks.intern(stackOf(dump, h)), 1));
            return;
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String[]> where = new HashMap<>();
        for (Holder h : o.holders()) {
            String stack = stacks.intern(stackOf(dump, h));
            String key = stack != null ? stack : h.site();
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
            where.putIfAbsent(key, new String[] {h.site(), stack});
        }
        counts.forEach((key, n) -> groupCounts.add(new ReportData.GroupCount(o.qualifiedName(), where.get(key)[0],
                where.get(key)[1], n[0])));
    }

    static List<String> stackOf(Dump dump, Holder h) {
        return h.stack() == null ? List.of() : dump.stacks().getOrDefault(h.stack(), List.of());
    }

    private static ObjectView view(Candidate c, List<Wait> waits, SignatureViews signatures, ProblemViews problems,
            StackTable stacks, History history) {
        TrackedObject o = c.object();
        Dump dump = c.jvm().newest();
        String key = c.jvm().key(o.id());
        long goingAway = HolderGroups.goingAwayAt(o);
        List<HolderGroup> groups = groups(dump, o, signatures, stacks);
        Map<String, Integer> groupOf = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            groupOf.put(groups.get(i).stack() != null ? groups.get(i).stack() : groups.get(i).site(), i);
        }
        List<ObjectView.HoldMark> holds = new ArrayList<>();
        List<Holder> bySince = new ArrayList<>(o.holders());
        bySince.sort(Comparator.comparingLong(Holder::sinceNanos));
        for (Holder h : bySince.subList(0, Math.min(bySince.size(), PageLimits.HOLD_MARKS))) {
            String stack = stacks.intern(stackOf(dump, h));
            holds.add(new ObjectView.HoldMark(h.sinceNanos(), groupOf.getOrDefault(stack != null ? stack : h.site(), 0),
                    HolderGroups.takenLate(h, goingAway)));
        }
        return new ObjectView(key, c.jvm().index(), o.id(), o.kind(), o.qualifiedName(), o.namespace(),
                o.className(), o.state(), o.refcount(), o.unattributed(), o.shouldBeFree(), o.lifecycle(), waits,
                groups, o.holders().size(), signatures.ranksOf(c.jvm().index(), o.id()), problems.reportsOn(key),
                problems.groupsOn(key), holds, o.holders().size() - holds.size(),
                history == null ? List.of() : history.puts, history == null ? List.of() : history.counts);
    }

    /** The object's holder groups ({@link HolderGroups}, as the console shows them) with page stack ids. */
    static List<HolderGroup> groups(Dump dump, TrackedObject o, SignatureViews signatures, StackTable stacks) {
        List<HolderGroup> out = new ArrayList<>();
        for (HolderGroups.Group g : HolderGroups.of(dump, o)) {
            List<HolderGroup.Count> owners = g.owners().stream().limit(PageLimits.OWNERS)
                    .map(c -> new HolderGroup.Count(c.value(), c.count())).toList();
            out.add(new HolderGroup(g.site(), stacks.intern(g.frames()), g.count(), owners,
                    g.threads().stream().limit(3).toList(), g.heldMinNanos(), g.heldMaxNanos(), g.pairing(),
                    signatures.rankOf(g.members().get(0), g.frames()), g.late(), g.stackRepresentative()));
        }
        return out;
    }

    /** What the older dumps of a JVM say of one object. */
    private static final class History {
        final List<ObjectView.CountPoint> counts = new ArrayList<>();
        final List<ObjectView.PutMark> puts = new ArrayList<>();
    }

    private record HoldKey(String site, String owner, long sinceNanos) {}

    private static Map<String, History> histories(List<Jvm> jvms, Map<Integer, Set<Long>> fullIds) {
        Map<String, History> out = new HashMap<>();
        for (Jvm jvm : jvms) {
            Set<Long> ids = fullIds.get(jvm.index());
            if (ids == null || jvm.dumps().size() < 2) {
                continue;
            }
            Map<Long, Map<HoldKey, long[]>> seen = new HashMap<>();
            for (DumpSource source : jvm.dumps()) {
                Dump dump = source.dump();
                long at = dump.meta().uptimeNanos();
                for (TrackedObject o : dump.objects()) {
                    if (!ids.contains(o.id())) {
                        continue;
                    }
                    History h = out.computeIfAbsent(jvm.key(o.id()), k -> new History());
                    h.counts.add(new ObjectView.CountPoint(at, o.refcount(), o.holders().size()));
                    Map<HoldKey, long[]> holds = seen.computeIfAbsent(o.id(), k -> new HashMap<>());
                    Set<HoldKey> now = new HashSet<>();
                    for (Holder hold : o.holders()) {
                        HoldKey k = new HoldKey(hold.site(), hold.owner(), hold.sinceNanos());
                        now.add(k);
                        holds.computeIfAbsent(k, x -> new long[] {at, -1})[0] = at;
                    }
                    holds.forEach((k, times) -> {
                        if (times[1] < 0 && !now.contains(k)) {
                            times[1] = at;
                            if (h.puts.size() < PageLimits.PUT_MARKS) {
                                h.puts.add(new ObjectView.PutMark(k.site(), k.sinceNanos(), times[0], at));
                            }
                        }
                    });
                }
            }
        }
        return out;
    }

    private static ObjectIndex index(List<Candidate> rest, int total) {
        int n = rest.size();
        int[] jvm = new int[n];
        long[] ids = new long[n];
        List<String> names = new ArrayList<>(n);
        Map<String, Integer> kinds = new LinkedHashMap<>();
        Map<String, Integer> states = new LinkedHashMap<>();
        int[] kind = new int[n];
        int[] state = new int[n];
        int[] holders = new int[n];
        int[] signature = new int[n];
        for (int i = 0; i < n; i++) {
            Candidate c = rest.get(i);
            TrackedObject o = c.object();
            jvm[i] = c.jvm().index();
            ids[i] = o.id();
            names.add(o.qualifiedName());
            kind[i] = kinds.computeIfAbsent(String.valueOf(o.kind()), k -> kinds.size());
            state[i] = states.computeIfAbsent(String.valueOf(o.state()), k -> states.size());
            holders[i] = o.holders().size();
            signature[i] = c.rank() == Integer.MAX_VALUE ? 0 : c.rank();
        }
        return new ObjectIndex(total, jvm, ids, names, List.copyOf(kinds.keySet()), kind, List.copyOf(states.keySet()),
                state, holders, signature);
    }
}
