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
 * @param missingTargets     one line per profile method or accessor that does not exist (v2): its calls are not
 *                           recorded, so a leak through it would go unseen
 * @param profiles           how each profile fared (v2)
 * @param drops              every cap that dropped something, with the option that raises it (v2); failures
 * @param budgets            what was left out by design, within a budget the user chose (stacks not captured
 *                           beyond {@code stacks=N}) (v2): never a failure
 * @param namesUnreadable    names or counts of tracked objects that could not be read safely in time, shown as
 *                           class and id instead (v2)
 */
public record Health(long adviceFailures, long holdsDropped, long problemsDropped, long stacksDropped,
        List<String> failedToInstrument, List<String> limits, boolean attachedLate, int instrumentedClasses,
        int callSites, String stackMode, List<String> missingTargets, List<ProfileHealth> profiles, List<Drop> drops,
        List<Drop> budgets, long namesUnreadable) {

    public Health {
        failedToInstrument = List.copyOf(failedToInstrument);
        limits = List.copyOf(limits);
        missingTargets = List.copyOf(missingTargets);
        profiles = List.copyOf(profiles);
        drops = List.copyOf(drops);
        budgets = List.copyOf(budgets);
    }

    /** A version 1 health. */
    public Health(long adviceFailures, long holdsDropped, long problemsDropped, long stacksDropped,
            List<String> failedToInstrument, List<String> limits, boolean attachedLate, int instrumentedClasses,
            int callSites, String stackMode) {
        this(adviceFailures, holdsDropped, problemsDropped, stacksDropped, failedToInstrument, limits, attachedLate,
                instrumentedClasses, callSites, stackMode, List.of(), List.of(), List.of(), List.of(), 0);
    }

    /** Real failures, each of which may hide a leak: hook failures, classes or methods missed, records dropped. */
    public long failures() {
        // version 1 dumps have no drops list, only the two counters
        long dropped = drops.isEmpty() ? holdsDropped + problemsDropped : drops.stream().mapToLong(Drop::count).sum();
        return adviceFailures + failedToInstrument.size() + missingTargets.size() + dropped;
    }
}
