package org.reftrace.analysis;

import java.util.List;

/**
 * What makes two groups of holders the same leak, in one dump or across many JVMs: the call site, the owners'
 * class, the stack, the kind of object held, and the kinds along the chain.
 *
 * @param site       the call site that took the references
 * @param ownerClass the owners' class
 * @param stack      the frames, innermost first; empty when none was captured
 * @param heldKind   the kind of the object the references are on
 * @param chainKinds the kinds from a pinned object up to the held one
 * @param cycle      whether the chain closes on itself
 */
public record Signature(String site, String ownerClass, List<String> stack, String heldKind, List<String> chainKinds,
        boolean cycle) {

    public Signature {
        stack = List.copyOf(stack);
        chainKinds = List.copyOf(chainKinds);
    }

    /** The signature of a suspect. */
    public static Signature of(Suspect s) {
        return new Signature(s.site(), s.ownerClass(), s.stack(), s.heldKind(),
                s.chain().stream().map(Link::kind).toList(), s.cycle());
    }
}
