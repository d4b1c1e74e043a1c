package org.reftrace.dump;

import java.util.Map;

/**
 * The verdict.
 *
 * @param objects          tracked objects in the dump
 * @param lingeringHolders outstanding holds on objects that should be free (unregistering, freed, or at exit)
 * @param holders          outstanding holds in all
 * @param unattributed     references counted by the object but taken where the agent could not see them
 * @param problems         problems in all
 * @param problemsByType   problem type → count
 * @param objectsNotListed objects the agent saw but left out of {@code objects} because there was nothing to
 *                         report on them (no holder, no problem, no wait) (v2)
 */
public record Summary(int objects, int lingeringHolders, int holders, int unattributed, int problems,
        Map<String, Integer> problemsByType, long objectsNotListed) {

    public Summary {
        problemsByType = Map.copyOf(problemsByType);
    }

    /** A version 1 summary. */
    public Summary(int objects, int lingeringHolders, int holders, int unattributed, int problems,
            Map<String, Integer> problemsByType) {
        this(objects, lingeringHolders, holders, unattributed, problems, problemsByType, 0);
    }
}
