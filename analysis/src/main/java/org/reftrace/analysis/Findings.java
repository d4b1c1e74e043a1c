package org.reftrace.analysis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Problem;
import org.reftrace.dump.ProblemGroup;
import org.reftrace.dump.ProblemType;

/**
 * Everything a report leads with, in one order: memory-safety problems at a call site first (they name the bad
 * put, free or read exactly), then lingering holders as ranked suspects, then holders a wait warned about that
 * have let go since (no suspect shows them), then leaks found without a holder (an
 * allocation never freed, leaks the garbage collector found, with their full count). Problems that only restate
 * holders the suspects show (lingering, held at exit) are not repeated. Pure functions.
 */
public final class Findings {
    /** Problems whose site is the culprit, most severe first. */
    static final List<ProblemType> AT_A_SITE = List.of(ProblemType.USE_AFTER_FREE, ProblemType.DOUBLE_FREE,
            ProblemType.FREE_WHILE_REGISTERED, ProblemType.FREE_WHILE_UNREGISTERING, ProblemType.FREE_WHILE_HELD,
            ProblemType.REFERENCE_ALREADY_RELEASED, ProblemType.REFCOUNT_UNDERFLOW, ProblemType.DECREMENT_HIT_ZERO,
            ProblemType.PUT_WITHOUT_HOLD,
            ProblemType.TRACKER_REUSED);
    /** Problems that restate holders the suspects already show. */
    static final Set<ProblemType> ABOUT_HOLDERS = EnumSet.of(ProblemType.LINGERING_HOLDERS, ProblemType.HELD_AT_EXIT);

    private Findings() {}

    public static List<Finding> of(Dump dump) {
        return of(dump, Suspects.of(dump));
    }

    /** With the suspects already computed. */
    public static List<Finding> of(Dump dump, List<Suspect> suspects) {
        return of(List.of(dump), suspects);
    }

    /**
     * Across several dumps (the newest of each JVM): problems grouped over all of them, with the suspects merged
     * across JVMs ({@link FleetSuspects}).
     */
    public static List<Finding> of(List<Dump> dumps, List<Suspect> suspects) {
        Map<String, Finding.Problems> bySite = new LinkedHashMap<>();
        for (Dump dump : dumps) {
            problemGroups(dump).forEach((key, p) -> bySite.merge(key, p, (a, b) ->
                    new Finding.Problems(a.type(), a.kind(), a.site(), a.count() + b.count(), a.example())));
        }
        List<Finding> out = new ArrayList<>();
        // a problem that names its call site comes before one that cannot (it says what to fix)
        for (boolean withSite : new boolean[] {true, false}) {
            for (ProblemType type : AT_A_SITE) {
                bySite.values().stream().filter(p -> p.type().equals(type.label()) && (p.site() != null) == withSite)
                        .sorted((a, b) -> Long.compare(b.count(), a.count())).forEach(out::add);
            }
        }
        suspects.forEach(s -> out.add(new Finding.Holders(s)));
        // holders a wait warned about that let go later (the wait gave up, the program went on): no suspect shows
        // them any more, and they are what kept the object
        Set<String> suspectSites = new java.util.HashSet<>();
        Map<String, Long> holdersAtSite = new java.util.HashMap<>();
        suspects.forEach(s -> {
            suspectSites.add(s.site());
            holdersAtSite.merge(String.valueOf(s.site()), (long) s.holders(), Long::sum);
        });
        bySite.values().stream().filter(p -> p.type().equals(ProblemType.LINGERING_HOLDERS.label())
                && p.site() != null && !suspectSites.contains(p.site())).forEach(out::add);
        bySite.values().stream().filter(p -> {
            ProblemType type = ProblemType.fromLabel(p.type());
            // collected objects still listed with their holders restate the suspects at the same site, unless the
            // collector found more of them than are listed (their count is then news)
            boolean restated = type == ProblemType.LEAK_FOUND_BY_GC && p.site() != null
                    && p.count() <= holdersAtSite.getOrDefault(p.site(), 0L);
            return type == null || !AT_A_SITE.contains(type) && !ABOUT_HOLDERS.contains(type) && !restated;
        }).forEach(out::add);
        return out;
    }

    /** Problems grouped by type, kind and site: from the dump's groups when it has them, else from its list. */
    static Map<String, Finding.Problems> problemGroups(Dump dump) {
        Map<String, Finding.Problems> groups = new LinkedHashMap<>();
        Map<Integer, ProblemGroup> declared = new LinkedHashMap<>();
        dump.problemGroups().forEach(g -> declared.put(g.id(), g));
        for (Problem p : dump.problems()) {
            ProblemGroup g = declared.get(p.groupId());
            String key = p.type() + "\u0000" + p.kind() + "\u0000" + p.site();
            Finding.Problems known = groups.get(key);
            if (known == null) {
                groups.put(key, new Finding.Problems(p.type(), p.kind(), p.site(), g != null ? g.count() : 1, p));
            } else if (g == null) {
                groups.put(key, new Finding.Problems(p.type(), p.kind(), p.site(), known.count() + 1, known.example()));
            }
        }
        return groups;
    }
}
