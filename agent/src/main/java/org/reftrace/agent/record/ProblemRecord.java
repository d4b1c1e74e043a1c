package org.reftrace.agent.record;

import java.util.List;
import org.reftrace.dump.Origin;
import org.reftrace.dump.ProblemType;

/**
 * One problem, as recorded: stacks kept raw and resolved to frames only when a report is made.
 *
 * @param site    the call site that did it, or {@code null} (then the stack's first frame outside the tracked
 *                library is blamed)
 * @param origins the other events that explain it: where the stale reference was taken, the free ...
 * @param scope   the test-mode scope of the thread it happened on
 */
record ProblemRecord(ProblemType type, String kind, long objectId, String object, String message, Site site,
        String thread, long atNanos, Throwable stack, List<OriginRecord> origins, long scope) {

    /** One explaining event. */
    record OriginRecord(Origin.Role role, Site site, String thread, long atNanos, Throwable stack) {}

    ProblemRecord {
        origins = List.copyOf(origins);
    }
}
