package org.reftrace.dump;

import java.util.List;

/**
 * Something that went wrong with an object's references.
 *
 * @param type       one of {@link ProblemType#label()}
 * @param objectId   the object's id, or 0 if it has none
 * @param object     the object's name
 * @param message    one line saying what happened
 * @param site       the call site that did it, or {@code null}
 * @param thread     the thread that did it
 * @param atNanos    when, since the agent started
 * @param stack      where it happened (innermost first), empty if not captured
 * @param otherStack the other side: where the reference was taken, first released, or the object freed
 * @param kind       the object's kind, e.g. {@code netdev} (v2; {@code null} in version 1 dumps)
 * @param groupId    the {@link ProblemGroup} it is an example of (v2; -1: none)
 * @param origins    the other events that explain it, each with its site and stack: where the stale reference
 *                   was taken or handed out, where the object was freed, first released, allocated (v2)
 */
public record Problem(String type, long objectId, String object, String message, String site, String thread,
        long atNanos, List<String> stack, List<String> otherStack, String kind, int groupId, List<Origin> origins) {

    public Problem {
        stack = List.copyOf(stack);
        otherStack = List.copyOf(otherStack);
        origins = List.copyOf(origins);
    }

    /** A version 1 problem: no kind, group or origins. */
    public Problem(String type, long objectId, String object, String message, String site, String thread,
            long atNanos, List<String> stack, List<String> otherStack) {
        this(type, objectId, object, message, site, thread, atNanos, stack, otherStack, null, -1, List.of());
    }

    /** The type as the enum, or {@code null} for a type this version does not know. */
    public ProblemType typeEnum() {
        return ProblemType.fromLabel(type);
    }
}
