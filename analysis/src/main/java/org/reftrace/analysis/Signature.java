package org.reftrace.analysis;

import java.util.List;

/**
 * What makes two groups of holders the same leak, in one dump or across many JVMs: the call site, the owners'
 * class, the stack, the kind of object held, and whether they close a cycle (the same references reached through
 * several chains are one leak, as {@link Suspects} groups them).
 *
 * @param site       the call site that took the references
 * @param ownerClass the owners' class
 * @param stack      the frames, innermost first; empty when none was captured
 * @param heldKind   the kind of the object the references are on
 * @param cycle      whether the chain closes on itself
 */
public record Signature(String site, String ownerClass, List<String> stack, String heldKind, boolean cycle) {

    public Signature {
        stack = List.copyOf(stack);
    }

    /** The signature of a suspect. */
    public static Signature of(Suspect s) {
        return new Signature(s.site(), s.ownerClass(), s.stack(), s.heldKind(), s.cycle());
    }
}
