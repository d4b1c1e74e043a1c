package org.reftrace.dump;

import java.util.List;

/**
 * The agent's own health: a profiler that failed silently and then reports "no leaks" would be the worst
 * outcome, so every failure and every drop is counted here.
 *
 * @param adviceFailures     throwables caught in instrumentation code (each one means an event was missed)
 * @param holdsDropped       holds not recorded because the cap was reached
 * @param problemsDropped    problems not recorded because the cap was reached
 * @param stacksDropped      stacks not captured because the stack cap was reached
 * @param failedToInstrument classes the agent tried and failed to instrument, with the reason
 * @param limits             the caps in force, as {@code option=value}, to raise when something was dropped
 * @param attachedLate       the agent attached to a running JVM: earlier references are unattributed
 * @param instrumentedClasses classes changed by the agent
 * @param callSites          call sites rewritten
 * @param stackMode          how stacks are captured, e.g. {@code first 16 per site}
 */
public record Health(long adviceFailures, long holdsDropped, long problemsDropped, long stacksDropped,
        List<String> failedToInstrument, List<String> limits, boolean attachedLate, int instrumentedClasses,
        int callSites, String stackMode) {

    public Health {
        failedToInstrument = List.copyOf(failedToInstrument);
        limits = List.copyOf(limits);
    }
}
