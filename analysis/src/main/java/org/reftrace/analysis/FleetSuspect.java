package org.reftrace.analysis;

import java.util.List;
import java.util.Map;

/**
 * A leak signature across the JVMs of a report: the suspect (its counts added up over every JVM, ranked by
 * {@link Ranking}) and, for each object it keeps, the JVM it came from.
 *
 * @param suspect       the merged suspect: holders, pinned objects, site counts and evidence of all JVMs
 * @param pinned        the objects it keeps, each with its JVM, in the order found
 * @param holdersByJvm  JVM index to the holders it has there, by index
 */
public record FleetSuspect(Suspect suspect, List<Pinned> pinned, Map<Integer, Integer> holdersByJvm) {

    public FleetSuspect {
        pinned = List.copyOf(pinned);
        holdersByJvm = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(holdersByJvm));
    }

    /**
     * One object a signature keeps.
     *
     * @param jvm  the JVM's index
     * @param link the object
     */
    public record Pinned(int jvm, Link link) {}
}
