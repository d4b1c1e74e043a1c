package org.reftrace.agent.record;

import java.util.ArrayList;
import java.util.List;

/** Problems, oldest first, capped; what is over the cap is counted. Thread-safe. */
final class ProblemLog {
    private final int max;
    private final List<ProblemRecord> problems = new ArrayList<>();
    private long dropped;

    ProblemLog(int max) {
        this.max = max;
    }

    synchronized void add(ProblemRecord problem) {
        if (problems.size() < max) {
            problems.add(problem);
        } else {
            dropped++;
        }
    }

    synchronized List<ProblemRecord> all() {
        return List.copyOf(problems);
    }

    synchronized long dropped() {
        return dropped;
    }
}
