package org.reftrace.analysis;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.reftrace.dump.Dump;
import org.reftrace.dump.TrackedObject;

/**
 * What a report says first, computed in one place so that the console, the page, test mode and
 * {@code --fail-on-leak} never disagree.
 *
 * @param objectsHeld      objects that should be free and still have holders
 * @param lingeringHolders their holders
 * @param unattributed     references counted but not explained by any recorded hold
 * @param problems         problems in all, counted (not only those listed)
 * @param problemsByType   type → count
 * @param failures         the agent's own failures, each of which may hide a leak ({@code Health#failures})
 * @param findings         what to lead with, most important first
 */
public record Verdict(int objectsHeld, int lingeringHolders, int unattributed, long problems,
        Map<String, Integer> problemsByType, long failures, List<Finding> findings) {

    public Verdict {
        problemsByType = Map.copyOf(problemsByType);
        findings = List.copyOf(findings);
    }

    public static Verdict of(Dump dump) {
        return of(List.of(dump), Suspects.of(dump));
    }

    /**
     * The verdict over several dumps, the newest of each JVM (older dumps of a JVM are earlier states of the same
     * objects and add nothing), with the suspects already merged across them ({@link FleetSuspects}).
     */
    public static Verdict of(List<Dump> newestPerJvm, List<Suspect> suspects) {
        int held = 0;
        int lingering = 0;
        int unattributed = 0;
        long problems = 0;
        long failures = 0;
        Map<String, Integer> byType = new TreeMap<>();
        for (Dump dump : newestPerJvm) {
            for (TrackedObject o : dump.objects()) {
                if (o.shouldBeFree() && !o.holders().isEmpty()) {
                    held++;
                    lingering += o.holders().size();
                }
            }
            unattributed += dump.summary().unattributed();
            problems += dump.summary().problems();
            dump.summary().problemsByType().forEach((k, v) -> byType.merge(k, v, Integer::sum));
            failures += dump.health().failures();
        }
        return new Verdict(held, lingering, unattributed, problems, byType, failures,
                Findings.of(newestPerJvm, suspects));
    }

    /** Whether anything leaked or went wrong: what {@code --fail-on-leak} and test mode fail on. */
    public boolean leaks() {
        return lingeringHolders > 0 || problems > 0;
    }

    /** The most important finding, or {@code null} when there is none. */
    public Finding top() {
        return findings.isEmpty() ? null : findings.get(0);
    }
}
