package org.reftrace.report;

import java.util.List;

/**
 * Problems of one type on one kind of object at one call site, across every JVM: the message and the stacks once,
 * the objects listed.
 *
 * @param index           its index, which findings and objects refer to
 * @param type            the problem type's label
 * @param kind            the objects' kind, or {@code null}
 * @param site            the call site, or {@code null}
 * @param count           how many happened (listed or only counted)
 * @param listed          how many the dumps list
 * @param restatesHolders whether it restates holders an object's card already shows (lingering, held at exit, GC)
 * @param message         the first one's message
 * @param examples        the first ones, each on its object
 * @param stack           where (page stack id), or {@code null}
 * @param otherStack      the other side (page stack id), or {@code null}
 * @param otherLabel      what the other side is: {@code freed at}, {@code first released at} ...
 * @param origins         the events that explain it (v2 dumps)
 */
public record ProblemView(int index, String type, String kind, String site, long count, int listed,
        boolean restatesHolders, String message, List<Example> examples, String stack, String otherStack,
        String otherLabel, List<OriginView> origins) {

    /**
     * One listed problem.
     *
     * @param key     its object's identity on the page, or {@code null} when the object is not in the report
     * @param object  its object's name
     * @param atNanos when
     * @param thread  on which thread
     * @param message its message when it differs from the group's, else {@code null}
     */
    public record Example(String key, String object, long atNanos, String thread, String message) {}

    /**
     * An event that explains the problem: where the stale reference was taken, where the object was freed ...
     *
     * @param role    {@code taken}, {@code handed-out}, {@code freed}, {@code first-release}, {@code allocated}
     * @param site    its call site
     * @param thread  its thread
     * @param atNanos when (-1 unknown)
     * @param stack   the page's stack id, or {@code null}
     */
    public record OriginView(String role, String site, String thread, long atNanos, String stack) {}
}
