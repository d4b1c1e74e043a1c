package org.reftrace.agent.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The agent's configuration, parsed once from its options ({@link AgentOptions}); immutable.
 *
 * @param raw            the options as given, for the report
 * @param profile        the profile's name
 * @param dumpFile       where the dump goes at exit (and periodically), or {@code null} for no dump
 * @param dumpEvery      how often to rewrite the dump; {@link Duration#ZERO} for only at exit
 * @param console        where the console report goes
 * @param stacksPerSite  stacks captured per call site: the first N holds at each site ({@value #ALL_STACKS}: all)
 * @param maxHolds       outstanding holds recorded at most; further holds are counted as dropped
 * @param maxProblems    problems recorded at most
 * @param maxGroups      holder groups printed per warning (the kernel prints 10)
 * @param lingerAfter    how long a wait may last before its holders are reported; {@link Duration#ZERO}: at the
 *                       watched program's own warning ({@code netdev_unregister_timeout_secs})
 * @param maxObjects     objects tracked at once at most; further ones are counted as dropped
 */
public record AgentConfig(String raw, String profile, Path dumpFile, Duration dumpEvery, Console console,
        int stacksPerSite, int maxHolds, int maxProblems, int maxGroups, Duration lingerAfter, int maxObjects) {

    /** {@link #stacksPerSite()} value meaning "a stack for every hold". */
    public static final int ALL_STACKS = -1;

    /** The recorder's budgets and caps. */
    public org.reftrace.agent.record.RecorderConfig recorder() {
        org.reftrace.agent.record.RecorderConfig d = org.reftrace.agent.record.RecorderConfig.defaults();
        return new org.reftrace.agent.record.RecorderConfig(stacksPerSite, maxHolds, maxProblems, d.problemExamples(),
                maxObjects, d.maxCollected());
    }

    /** Where the console report goes. */
    public enum Console { STDERR, STDOUT, OFF }

    /** The caps in force, as the options that raise them, for the report. */
    public List<String> limits() {
        return List.of("maxHolds=" + maxHolds, "maxProblems=" + maxProblems, "maxObjects=" + maxObjects,
                "stacks=" + (stacksPerSite == ALL_STACKS ? "all" : Integer.toString(stacksPerSite)));
    }

    /** How stacks are captured, in words. */
    public String stackMode() {
        if (stacksPerSite == ALL_STACKS) {
            return "every hold";
        }
        return stacksPerSite == 0 ? "none (call sites only)" : "the first " + stacksPerSite + " holds at each call site,"
                + " and the first of each owner class there";
    }
}
