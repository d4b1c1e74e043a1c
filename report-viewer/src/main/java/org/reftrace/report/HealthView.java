package org.reftrace.report;

import java.util.List;
import org.reftrace.dump.ProfileHealth;

/**
 * One JVM's agent health, as the page says it: what failed (each of which may hide a leak), apart from what was
 * left out by design within a budget the user chose (never a failure).
 *
 * @param jvm       the JVM's index
 * @param failures  hook failures, classes not instrumented, missing targets, holds and problems dropped: each with
 *                  its count and the option that raises the cap
 * @param failureCount their counts added up ({@code Health#failures})
 * @param budgets   stacks not captured by choice, with the option that sets the budget
 * @param notes     how things were measured and other facts that are not failures
 * @param profiles  how each profile fared
 */
public record HealthView(int jvm, List<Issue> failures, long failureCount, List<Issue> budgets, List<String> notes,
        List<ProfileHealth> profiles) {

    /**
     * One line of health.
     *
     * @param what   what happened, in words
     * @param count  how often
     * @param option the agent option that changes it ({@code name=current value}), or {@code null}
     */
    public record Issue(String what, long count, String option) {}
}
