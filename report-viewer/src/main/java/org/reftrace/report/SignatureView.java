package org.reftrace.report;

import java.util.List;

/**
 * A leak signature: references held across objects (and JVMs) by one call site, owner class and stack.
 * "14 devices held by Churn$StatsCollector.sample (Churn.java:36), oldest 17 s".
 *
 * @param rank            its place in the one ranking, from 1
 * @param site            the call site
 * @param ownerClass      the owners' class
 * @param exampleOwner    one owner, or {@code null} for a static context
 * @param exampleThread   a thread that took one
 * @param heldKind        the kind of object the references are on
 * @param pinnedKind      the kind of the objects kept (the held kind, or the bottom of a chain)
 * @param stack           the page's stack id, or {@code null} when none was captured
 * @param stackRepresentative whether the stack was captured for another hold of the same site and owner class
 * @param holders         references in it
 * @param objects         objects it keeps
 * @param examples        the first objects it keeps, to link to
 * @param oldestHeldNanos the oldest one's age
 * @param taken           references its site took over the run, or -1 when unknown
 * @param released        of those, the ones put back, or -1
 * @param evidence        what speaks against it, strongest first
 * @param why             why it ranks where it does, in words
 * @param chain           the chain from a kept object up to the held one, as text
 * @param chainLength     objects on that chain (1 for a direct holder)
 * @param cycle           whether the chain closes on itself
 * @param jvms            per JVM, the references it holds there
 */
public record SignatureView(int rank, String site, String ownerClass, String exampleOwner, String exampleThread,
        String heldKind, String pinnedKind, String stack, boolean stackRepresentative, int holders, int objects,
        List<ObjectRef> examples, long oldestHeldNanos, long taken, long released, List<String> evidence, String why,
        String chain, int chainLength, boolean cycle, List<JvmCount> jvms) {

    /**
     * A link to an object.
     *
     * @param key  its identity on the page ({@code j0:17})
     * @param name its name with its namespace
     * @param jvm  its JVM's index
     */
    public record ObjectRef(String key, String name, int jvm) {}

    /** References held in one JVM. */
    public record JvmCount(int jvm, int holders) {}
}
