package org.reftrace.gallery;

import java.util.List;
import java.util.Set;
import org.reftrace.netdev.Quirk;

/**
 * One lifecycle bug from kernel history (or from everyday driver code), runnable buggy and fixed.
 * Implementations are stateless: everything a run needs comes from its {@link ScenarioContext}.
 */
public interface Scenario {

    /** The name users type, e.g. {@code qinq-hang}. */
    String name();

    /** The kernel commits it reproduces (the fix, and what it built on); empty for everyday bugs. */
    List<String> commits();

    /** One line: what goes wrong. */
    String title();

    /** A short explanation of the faulty sequence and of how the fix works. */
    String explanation();

    /** What the buggy variant ends in. */
    Outcome buggyOutcome();

    /** The core's pre-fix behaviours this variant needs; none by default. */
    default Set<Quirk> quirks(Variant variant) {
        return Set.of();
    }

    /** Whether the scenario runs until stopped (or for a duration) rather than a few seconds. */
    default boolean isLongRunning() {
        return false;
    }

    /** Runs the scenario's steps; kernel BUGs may escape as {@link org.reftrace.netdev.KernelBug}. */
    void run(ScenarioContext context) throws Exception;
}
