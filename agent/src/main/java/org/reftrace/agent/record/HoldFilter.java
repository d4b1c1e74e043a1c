package org.reftrace.agent.record;

import java.util.function.Predicate;

/**
 * Which holds and problems a picture includes: all of them, or (test mode) those of one check period.
 */
record HoldFilter(Predicate<Hold> holds, Predicate<ProblemRecord> problems) {
    static final HoldFilter ALL = new HoldFilter(h -> true, p -> true);

    boolean all() {
        return this == ALL;
    }
}
