package org.reftrace.analysis;

import java.util.List;
import java.util.Set;

/**
 * A leak signature: references still held where they should not be, grouped across objects by call site, owner
 * class, stack and the chain they pin through. "14 devices held by Churn$StatsCollector.sample (Churn.java:36)".
 *
 * @param site           the call site that took the references
 * @param ownerClass     the owners' class (the call site's class for a static context)
 * @param exampleOwner   one owner, named as the dump names it, or {@code null} for a static context
 * @param exampleThread  the thread that took one of them
 * @param heldKind       the kind of the object the references are on (the top of the chain)
 * @param stack          the frames of one of them, innermost first; empty when none was captured
 * @param stackRepresentative whether that stack was captured for another hold at the same site and owner class
 * @param holders        the references in the group
 * @param pinned         the objects that should be free and are kept by them (directly or through the chain)
 * @param chain          the objects between: from a pinned object up to the object the references are on; a
 *                       single element for a direct holder
 * @param oldestHeldNanos how long the oldest of them had been held when the dump was taken
 * @param taken          references the call site took over the run, or -1 if the dump does not say
 * @param released       of those, the ones put back, or -1
 * @param evidence       what speaks against them
 * @param cycle          whether the chain closes on itself (two objects holding each other)
 */
public record Suspect(String site, String ownerClass, String exampleOwner, String exampleThread, String heldKind,
        List<String> stack, boolean stackRepresentative, int holders, List<Link> pinned, List<Link> chain,
        long oldestHeldNanos, long taken, long released, Set<Evidence> evidence, boolean cycle) {

    public Suspect {
        stack = List.copyOf(stack);
        pinned = List.copyOf(pinned);
        chain = List.copyOf(chain);
        evidence = Set.copyOf(evidence);
    }

    /** Objects on the chain from a pinned object to the one held, both included: 1 for a direct holder. */
    public int chainLength() {
        return chain.size();
    }

    /** {@code lo ← dst(lo) ← sock@1f} for a chain, the object's name for a direct holder. */
    public String chainText() {
        StringBuilder text = new StringBuilder();
        for (Link link : chain) {
            text.append(text.length() == 0 ? "" : " \u2190 ").append(link.name());
        }
        return text.toString();
    }

    /** Why it ranks where it does, in words: "taken after unregister began; root of a chain of 3 ...". */
    public String why() {
        return Ranking.reasons(this);
    }
}
