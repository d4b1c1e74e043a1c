package org.reftrace.bench.stress;

import java.util.Locale;

/**
 * One child run of {@link StressProgram}: its work's wall time (as the program measured it), the process's wall
 * time from start to exit (JVM and agent start-up, the dump at exit), its peak resident memory, and under the
 * agent how many of the known leaks the dump named.
 */
record StressSample(int round, boolean withAgent, long workMillis, long processMillis, long peakRssKb,
        long leaksExpected, long leaksFound) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "work %,d ms, process %,d ms, peak RSS %,d MB%s", workMillis, processMillis,
                peakRssKb / 1024, withAgent ? ", leaks named " + leaksFound + "/" + leaksExpected : "");
    }
}
