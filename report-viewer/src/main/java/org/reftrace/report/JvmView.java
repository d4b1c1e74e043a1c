package org.reftrace.report;

import java.util.List;

/**
 * One JVM of a report, and how its outstanding references went over its dumps.
 *
 * @param index       its index, which objects, signatures and health refer to
 * @param label       which JVM: {@code pid@host (main class)}, or the kernel log's name
 * @param vm          the JVM's name and version
 * @param profiles    the profiles in force
 * @param dumps       its dump files, oldest first
 * @param trigger     why its newest dump was written
 * @param createdAt   when its newest dump was written
 * @param uptimeNanos the agent's uptime at its newest dump
 * @param holdTiming  how hold durations were measured, or {@code null} when the dump does not say
 * @param kernelLog   whether it is a kernel log, not a JVM
 * @param points      one point per dump: the picture over time
 */
public record JvmView(int index, String label, String vm, List<String> profiles, List<String> dumps, String trigger,
        String createdAt, long uptimeNanos, String holdTiming, boolean kernelLog, List<Point> points) {

    /**
     * The state at one dump.
     *
     * @param uptimeNanos when, since the agent started
     * @param holders     outstanding references
     * @param lingering   of those, on objects that should be free
     * @param objectsHeld objects that should be free and are still held
     */
    public record Point(long uptimeNanos, long holders, long lingering, long objectsHeld) {}
}
