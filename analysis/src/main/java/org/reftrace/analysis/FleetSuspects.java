package org.reftrace.analysis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Leak signatures across many JVMs: each JVM's suspects (from its newest dump) merged by {@link Signature}, so that
 * twenty services leaking at one call site are one line that says "in 20 JVMs". Ranked by the one
 * {@link Ranking}. Pure functions.
 */
public final class FleetSuspects {
    private FleetSuspects() {}

    /** Every signature, most suspect first. */
    public static List<FleetSuspect> of(List<Jvm> jvms) {
        Map<Signature, List<Entry>> bySignature = new LinkedHashMap<>();
        for (Jvm jvm : jvms) {
            for (Suspect s : Suspects.of(jvm.newest())) {
                bySignature.computeIfAbsent(Signature.of(s), k -> new ArrayList<>()).add(new Entry(jvm.index(), s));
            }
        }
        List<FleetSuspect> out = new ArrayList<>();
        for (List<Entry> entries : bySignature.values()) {
            out.add(merge(entries));
        }
        out.sort((a, b) -> Ranking.ORDER.compare(a.suspect(), b.suspect()));
        return out;
    }

    /** The merged suspects only, ranked: what {@link Findings} and {@link Verdict} take. */
    public static List<Suspect> suspects(List<FleetSuspect> fleet) {
        return fleet.stream().map(FleetSuspect::suspect).toList();
    }

    private record Entry(int jvm, Suspect suspect) {}

    private static FleetSuspect merge(List<Entry> entries) {
        Suspect first = entries.get(0).suspect();
        if (entries.size() == 1) {
            return new FleetSuspect(first, first.pinned().stream()
                    .map(l -> new FleetSuspect.Pinned(entries.get(0).jvm(), l)).toList(),
                    Map.of(entries.get(0).jvm(), first.holders()));
        }
        int holders = 0;
        long oldest = 0;
        long taken = 0;
        long released = 0;
        boolean countsKnown = false;
        Set<Evidence> evidence = EnumSet.noneOf(Evidence.class);
        List<Link> links = new ArrayList<>();
        List<FleetSuspect.Pinned> pinned = new ArrayList<>();
        Map<Integer, Integer> byJvm = new TreeMap<>();
        for (Entry e : entries) {
            Suspect s = e.suspect();
            holders += s.holders();
            oldest = Math.max(oldest, s.oldestHeldNanos());
            if (s.taken() >= 0) {
                countsKnown = true;
                taken += s.taken();
                released += Math.max(0, s.released());
            }
            evidence.addAll(s.evidence());
            links.addAll(s.pinned());
            s.pinned().forEach(l -> pinned.add(new FleetSuspect.Pinned(e.jvm(), l)));
            byJvm.merge(e.jvm(), s.holders(), Integer::sum);
        }
        if (countsKnown && !(released * 2 < taken)) {
            evidence.remove(Evidence.SITE_RARELY_RELEASES);
        } else if (countsKnown && taken > 0) {
            evidence.add(Evidence.SITE_RARELY_RELEASES);
        }
        Suspect merged = new Suspect(first.site(), first.ownerClass(), first.exampleOwner(), first.exampleThread(),
                first.heldKind(), first.stack(), first.stackRepresentative(), holders, links, first.chain(), oldest,
                countsKnown ? taken : -1, countsKnown ? released : -1, evidence, first.cycle());
        return new FleetSuspect(merged, pinned, byJvm);
    }
}
