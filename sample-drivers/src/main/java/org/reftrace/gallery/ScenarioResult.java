package org.reftrace.gallery;

import java.util.Set;
import org.reftrace.netdev.Kernel;

/**
 * A finished run.
 *
 * @param outcomes what it ended in, most severe first; {@link Outcome#CLEAN} alone when nothing went wrong
 * @param kernel   the kernel it ran on, for inspection
 */
public record ScenarioResult(Scenario scenario, Variant variant, Set<Outcome> outcomes, Kernel kernel) {

    /** The most severe outcome. */
    public Outcome primary() {
        return outcomes.iterator().next();
    }
}
