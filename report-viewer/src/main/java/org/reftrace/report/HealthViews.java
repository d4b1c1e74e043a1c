package org.reftrace.report;

import java.util.ArrayList;
import java.util.List;
import org.reftrace.analysis.Jvm;
import org.reftrace.analysis.Jvms;
import org.reftrace.dump.Drop;
import org.reftrace.dump.Health;
import org.reftrace.dump.ProfileHealth;

/**
 * Each JVM's health in lines: every failure with its count and the option that raises the cap, adding up to
 * {@link Health#failures()}; budgets (stacks not captured by choice) apart, never a failure.
 */
final class HealthViews {
    private HealthViews() {}

    static List<HealthView> of(List<Jvm> jvms) {
        List<HealthView> out = new ArrayList<>();
        for (Jvm jvm : jvms) {
            out.add(of(jvm.index(), jvm.newest().health(), jvm.meta().holdTiming(), Jvms.isKernelLog(jvm.newest())));
        }
        return out;
    }

    /** One JVM's health; a kernel log has no agent, so no agent health. */
    static HealthView of(int jvm, Health h, String holdTiming, boolean kernelLog) {
        List<HealthView.Issue> failures = new ArrayList<>();
        List<HealthView.Issue> budgets = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (kernelLog) {
            notes.add("a kernel log: what the kernel printed, no agent");
            return new HealthView(jvm, failures, 0, budgets, notes, h.profiles());
        }
        if (h.adviceFailures() > 0) {
            failures.add(new HealthView.Issue("hook failures: events the agent missed because its own code failed",
                    h.adviceFailures(), null));
        }
        for (String failed : h.failedToInstrument()) {
            failures.add(new HealthView.Issue("class not instrumented: " + failed, 1, null));
        }
        for (String missing : h.missingTargets()) {
            failures.add(new HealthView.Issue("profile target missing (calls through it are not recorded): " + missing,
                    1, null));
        }
        if (!h.drops().isEmpty()) {
            for (Drop d : h.drops()) {
                failures.add(new HealthView.Issue(d.what(), d.count(), d.option()));
            }
        } else {
            // version 1 dumps, and version 2 dumps of agents that do not fill drops yet, have only the counters
            if (h.holdsDropped() > 0) {
                failures.add(new HealthView.Issue("holds not recorded: the cap was reached", h.holdsDropped(),
                        limit(h, "maxHolds")));
            }
            if (h.problemsDropped() > 0) {
                failures.add(new HealthView.Issue("problems not recorded: the cap was reached", h.problemsDropped(),
                        limit(h, "maxProblems")));
            }
        }
        if (!h.budgets().isEmpty()) {
            for (Drop d : h.budgets()) {
                budgets.add(new HealthView.Issue(d.what(), d.count(), d.option()));
            }
        } else if (h.stacksDropped() > 0) {
            budgets.add(new HealthView.Issue("holds without a stack of their own, by design (" + h.stackMode()
                    + "); each still records its exact call site", h.stacksDropped(), limit(h, "stacks")));
        }
        for (ProfileHealth p : h.profiles()) {
            if (p.events() == 0) {
                notes.add("profile " + p.name() + " (" + p.source() + ") recorded no event: " + p.instrumentedTargets()
                        + " of its " + p.targets() + " targets were found");
            }
        }
        if (h.attachedLate()) {
            notes.add("the agent attached to a running JVM: references taken before it are counted as unattributed");
        }
        if (h.namesUnreadable() > 0) {
            notes.add(h.namesUnreadable() + " object names or counts could not be read safely in time and are shown "
                    + "as class and id");
        }
        notes.add("stacks: " + h.stackMode());
        if (holdTiming != null) {
            notes.add("hold durations: " + holdTiming);
        }
        return new HealthView(jvm, failures, h.failures(), budgets, notes, h.profiles());
    }

    /** The limit in force, as {@code name=value}, or the option's name alone. */
    private static String limit(Health h, String name) {
        return h.limits().stream().filter(l -> l.startsWith(name + "=")).findFirst().orElse(name + "=N");
    }
}
