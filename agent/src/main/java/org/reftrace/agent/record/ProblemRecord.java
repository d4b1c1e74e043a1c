package org.reftrace.agent.record;

import org.reftrace.dump.ProblemType;

/**
 * One problem, as recorded: stacks kept raw and resolved to frames only when a report is made.
 *
 * @param otherStack the other side (where the reference was taken or first released, or the object freed),
 *                   or {@code null}
 * @param otherSite  the other side's call site when no stack was captured there, or {@code null}
 */
record ProblemRecord(ProblemType type, long objectId, String object, String message, Site site, String thread,
        long atNanos, Throwable stack, Throwable otherStack, Site otherSite) {}
