package org.reftrace.agent.record;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * A call site the agent rewrote: where in the program a reference is taken or dropped. Immutable but for the
 * count of stacks already captured there.
 *
 * @see SiteTable
 */
public final class Site {
    private final int id;
    private final String className;
    private final String methodName;
    private final String fileName;
    private final int line;
    private final int targetId;
    private final AtomicInteger stacksTaken = new AtomicInteger();
    /** Holds released within the clock's resolution: counted apart, so the common case touches no histogram. */
    final LongAdder quickReleases = new LongAdder();
    /** Hold durations of one clock tick or more; created on first use. */
    private volatile ConcurrentHistogram holdDurations;

    Site(int id, String className, String methodName, String fileName, int line, int targetId) {
        this.id = id;
        this.className = className;
        this.methodName = methodName;
        this.fileName = fileName;
        this.line = line;
        this.targetId = targetId;
    }

    public int id() {
        return id;
    }

    public String className() {
        return className;
    }

    /** The profile target called here. */
    public int targetId() {
        return targetId;
    }

    /** As a {@code StackTraceElement} prints: {@code pkg.Class.method(File.java:42)}. */
    public String frame() {
        return className + "." + methodName + "(" + (fileName == null ? "Unknown Source" : fileName)
                + (line > 0 ? ":" + line : "") + ")";
    }

    /** Claims one of the site's stack captures; false once {@code budget} are taken ({@code < 0}: unlimited). */
    boolean claimStack(int budget) {
        if (budget < 0) {
            return true;
        }
        if (stacksTaken.get() >= budget) {
            return false;
        }
        return stacksTaken.incrementAndGet() <= budget;
    }

    ConcurrentHistogram holdDurations() {
        ConcurrentHistogram h = holdDurations;
        if (h == null) {
            synchronized (this) {
                h = holdDurations;
                if (h == null) {
                    h = new ConcurrentHistogram(3);
                    holdDurations = h;
                }
            }
        }
        return h;
    }

    /** The durations recorded so far, or {@code null} if none took a clock tick. */
    ConcurrentHistogram holdDurationsIfAny() {
        return holdDurations;
    }

    @Override
    public String toString() {
        return frame();
    }
}
