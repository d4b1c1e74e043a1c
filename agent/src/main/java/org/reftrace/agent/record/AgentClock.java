package org.reftrace.agent.record;

/** Nanoseconds since the agent started: every time in the recorder and the dump uses this base. */
public final class AgentClock {
    private final long startNanos = System.nanoTime();

    public long now() {
        return System.nanoTime() - startNanos;
    }
}
