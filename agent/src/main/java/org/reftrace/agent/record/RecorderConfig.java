package org.reftrace.agent.record;

/**
 * The recorder's budgets and caps.
 *
 * @param stacksPerSite    stacks captured for the first N holds at each call site (-1: all; 0: none)
 * @param maxHolds         outstanding holds recorded at most; further holds are counted as dropped
 * @param maxProblems      problems kept as examples at most (all are counted)
 * @param problemExamples  examples kept per group of problems (type, kind, site)
 * @param maxObjects       objects tracked at once at most; further ones are counted as dropped
 * @param maxCollected     objects collected while held (or never freed) listed at most; the rest are counted
 */
public record RecorderConfig(int stacksPerSite, int maxHolds, int maxProblems, int problemExamples, int maxObjects,
        int maxCollected) {

    /** Groups of problems kept at most. */
    static final int MAX_PROBLEM_GROUPS = 1_000;

    public static RecorderConfig defaults() {
        return new RecorderConfig(16, 2_000_000, 10_000, 10, 1_000_000, 10_000);
    }
}
