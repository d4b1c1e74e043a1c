package org.reftrace.bench;

/**
 * The check every benchmark run under the agent makes first: the agent must have started, or the figures would be
 * a program without it passed off as one with it. The agent leaves its verdict in a system property.
 */
final class AgentCheck {
    /** Set by {@link BenchMain} on the runs under the agent. */
    static final String UNDER_AGENT = "reftrace.bench.underAgent";
    private static final String VERDICT = "reftrace.agent.verdict";

    private AgentCheck() {}

    static void started() {
        if (Boolean.getBoolean(UNDER_AGENT) && !"ok".equals(System.getProperty(VERDICT))) {
            throw new IllegalStateException("the agent did not start in this run (" + System.getProperty(VERDICT,
                    "no verdict") + "): its figures would be the program's without it");
        }
    }
}
