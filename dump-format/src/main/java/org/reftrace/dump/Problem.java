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
 */
public record Problem(String type, long objectId, String object, String message, String site, String thread,
        long atNanos, List<String> stack, List<String> otherStack) {

    public Problem {
        stack = List.copyOf(stack);
        otherStack = List.copyOf(otherStack);
    }
}
