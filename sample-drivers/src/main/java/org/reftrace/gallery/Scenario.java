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

    /**
     * The frame a report must rank first for the buggy variant, as {@code Class.method} (the class's binary name
     * after its package, e.g. {@code Vlan$1.ndoInit}, {@code StaleRouteCache$TunnelRouteCache.cacheRoute}; a
     * report's frame text contains it). It is the code that calls the hold, lookup, put, free or read that is the
     * bug: the call that took the reference that leaks, or the bad put, free or read. When the reference is
     * taken through an object that holds another (a dst that holds its device), the culprit is the call at the
     * bottom of that chain: the one on the object whose reference leaks. {@link #buggyOutcome()} says what kind
     * of problem it is.
     */
    String culprit();

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
