package org.reftrace.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reftrace.analysis.Jvm;
import org.reftrace.analysis.StackTable;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Origin;
import org.reftrace.dump.Problem;
import org.reftrace.dump.ProblemGroup;
import org.reftrace.dump.ProblemType;
import org.reftrace.dump.TrackedObject;

/**
 * Problems of every JVM grouped by type, kind and call site (the grouping {@code org.reftrace.analysis.Findings}
 * uses), each group's message and stacks once, its objects joined by their identity on the page; and, per object,
 * what was reported about its holders.
 */
final class ProblemViews {
    /** Problems that restate holders: an object's card shows them, the problem list only counts them. */
    static final Set<ProblemType> ABOUT_HOLDERS = EnumSet.of(ProblemType.LINGERING_HOLDERS, ProblemType.HELD_AT_EXIT,
            ProblemType.LEAK_FOUND_BY_GC);
    /** Memory-safety problems first, most severe first, as the findings order them. */
    static final List<ProblemType> SEVERITY = List.of(ProblemType.USE_AFTER_FREE, ProblemType.DOUBLE_FREE,
            ProblemType.FREE_WHILE_REGISTERED, ProblemType.FREE_WHILE_UNREGISTERING, ProblemType.FREE_WHILE_HELD,
            ProblemType.REFERENCE_ALREADY_RELEASED, ProblemType.REFCOUNT_UNDERFLOW, ProblemType.PUT_WITHOUT_HOLD,
            ProblemType.TRACKER_REUSED, ProblemType.LINGERING_HOLDERS, ProblemType.LEAK_FOUND_BY_GC,
            ProblemType.HELD_AT_EXIT, ProblemType.NEVER_FREED);
    static final Map<String, String> OTHER_SIDE = Map.of("use-after-free", "freed at", "double-free",
            "first freed at", "reference-already-released", "first released at", "tracker-reused", "first taken at",
            "free-while-held", "taken at");

    final List<ProblemView> views = new ArrayList<>();
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<String, List<ObjectView.Report>> reports = new HashMap<>();
    private final Map<String, List<Integer>> groupsByObject = new HashMap<>();
    /** Per JVM, the ids of objects some problem is about. */
    private final Map<Integer, Set<Long>> concerned = new HashMap<>();

    private static final class Group {
        final String type;
        final String kind;
        final String site;
        final Problem first;
        final Dump firstDump;
        long count;
        int listed;
        final List<ProblemView.Example> examples = new ArrayList<>();
        final java.util.Set<String> countedGroups = new java.util.HashSet<>();

        Group(String type, String kind, String site, Problem first, Dump firstDump) {
            this.type = type;
            this.kind = kind;
            this.site = site;
            this.first = first;
            this.firstDump = firstDump;
        }
    }

    ProblemViews(List<Jvm> jvms, StackTable stacks) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Jvm jvm : jvms) {
            Dump dump = jvm.newest();
            Map<Long, TrackedObject> objects = new HashMap<>();
            dump.objects().forEach(o -> objects.put(o.id(), o));
            Map<Integer, ProblemGroup> declared = new HashMap<>();
            dump.problemGroups().forEach(g -> declared.put(g.id(), g));
            for (Problem p : dump.problems()) {
                String groupKey = key(p);
                TrackedObject on = objects.get(p.objectId());
                String kind = p.kind() != null ? p.kind() : on != null ? on.kind() : null;
                Group g = groups.computeIfAbsent(groupKey, k -> new Group(p.type(), kind, p.site(), p, dump));
                ProblemGroup declaredGroup = declared.get(p.groupId());
                if (declaredGroup == null) {
                    g.count++;
                } else if (g.countedGroups.add(jvm.index() + ":" + declaredGroup.id())) {
                    g.count += declaredGroup.count();
                }
                g.listed++;
                String objectKey = on != null ? jvm.key(on.id()) : null;
                if (on != null) {
                    concerned.computeIfAbsent(jvm.index(), k -> new java.util.HashSet<>()).add(on.id());
                }
                if (g.examples.size() < PageLimits.PROBLEM_EXAMPLES) {
                    g.examples.add(new ProblemView.Example(objectKey, on != null ? on.qualifiedName() : p.object(),
                            p.atNanos(), p.thread(), p.message().equals(g.first.message()) ? null : p.message()));
                }
                if (objectKey != null && ABOUT_HOLDERS.contains(p.typeEnum())) {
                    reports.computeIfAbsent(objectKey, k -> new ArrayList<>(1))
                            .add(new ObjectView.Report(p.type(), p.atNanos(), p.message()));
                }
            }
        }
        List<Group> ordered = new ArrayList<>(groups.values());
        ordered.sort(java.util.Comparator.comparingInt((Group g) -> {
            int at = SEVERITY.indexOf(ProblemType.fromLabel(g.type));
            return at < 0 ? SEVERITY.size() : at;
        }).thenComparingLong(g -> -g.count));
        for (Group g : ordered) {
            int index = views.size();
            byKey.put(g.type + "\u0000" + g.first.kind() + "\u0000" + g.site, index);
            ProblemType type = ProblemType.fromLabel(g.type);
            boolean restates = type != null && ABOUT_HOLDERS.contains(type);
            List<ProblemView.OriginView> origins = new ArrayList<>();
            for (Origin o : g.first.origins()) {
                origins.add(new ProblemView.OriginView(o.role(), o.site(), o.thread(), o.atNanos(),
                        o.stack() == null ? null : stacks.intern(g.firstDump.stacks().get(o.stack()))));
            }
            views.add(new ProblemView(index, g.type, g.kind, g.site, g.count, g.listed, restates, g.first.message(),
                    g.examples, stacks.intern(g.first.stack()), stacks.intern(g.first.otherStack()),
                    OTHER_SIDE.getOrDefault(g.type, "the other side"), origins));
            if (!restates) {
                for (ProblemView.Example e : g.examples) {
                    if (e.key() != null) {
                        List<Integer> list = groupsByObject.computeIfAbsent(e.key(), k -> new ArrayList<>(1));
                        if (!list.contains(index)) {
                            list.add(index);
                        }
                    }
                }
            }
        }
    }

    private static String key(Problem p) {
        return p.type() + "\u0000" + p.kind() + "\u0000" + p.site();
    }

    /** The group of a finding's problems, by type, kind and site; -1 when none. */
    int indexOf(String type, String kind, String site) {
        return byKey.getOrDefault(type + "\u0000" + kind + "\u0000" + site, -1);
    }

    /** What was reported about an object's holders (when its wait warned, at exit, by GC). */
    List<ObjectView.Report> reportsOn(String objectKey) {
        return reports.getOrDefault(objectKey, List.of());
    }

    /** Other problem groups with an example on the object. */
    List<Integer> groupsOn(String objectKey) {
        return groupsByObject.getOrDefault(objectKey, List.of());
    }

    /** Whether any problem is about the object (so it is worth a card). */
    boolean concerns(int jvm, long objectId) {
        Set<Long> ids = concerned.get(jvm);
        return ids != null && ids.contains(objectId);
    }
}
