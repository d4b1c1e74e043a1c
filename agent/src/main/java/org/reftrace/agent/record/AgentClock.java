package org.reftrace.agent.record;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Nanoseconds since the agent started: every time in the recorder and the dump uses this base.
 *
 * <p>{@link #now()} is coarse: a daemon thread refreshes it every millisecond, so a hold or a put pays one
 * volatile read instead of a {@code System.nanoTime()} call (about 20 ns each). Hold durations therefore have a
 * 1 ms resolution. To resolve the shorter ones, each tick also offers one precise sample: the first hold after it
 * takes it ({@link #takeSample()}) and is timed with {@code System.nanoTime()} at both ends, about one hold per
 * millisecond however busy the program, at the cost of one volatile read for every other hold. The report says
 * so. Rare events (lifecycle, problems) use {@link #preciseNow()}.
 *
 * <p>Thread-safe.
 */
public final class AgentClock {
    /** The JVM-wide ticker: one thread, however many recorders. */
    private static final class Ticker {
        static volatile long nanos = System.nanoTime();
        /** Whether this tick's precise sample is still to take. */
        static final AtomicBoolean sampleDue = new AtomicBoolean();

        static {
            Thread ticker = new Thread(() -> {
                while (true) {
                    nanos = System.nanoTime();
                    sampleDue.lazySet(true);
                    LockSupport.parkNanos(RESOLUTION_NANOS);
                }
            }, "reftrace-clock");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    /** The coarse clock's resolution. */
    public static final long RESOLUTION_NANOS = 1_000_000L;

    private final long startNanos = System.nanoTime();

    /** Coarse time, refreshed every millisecond. */
    public long now() {
        return Math.max(0, Ticker.nanos - startNanos);
    }

    /**
     * Exact time if this caller takes the current tick's precise sample (at most one caller per tick), else -1:
     * the common case is one volatile read.
     */
    public long takeSample() {
        return Ticker.sampleDue.get() && Ticker.sampleDue.compareAndSet(true, false) ? preciseNow() : -1;
    }

    /** Exact time, for rare events. */
    public long preciseNow() {
        return System.nanoTime() - startNanos;
    }
}
