package org.reftrace.netdev;

/**
 * The real clock, optionally running faster than wall time so that a demo's 10 s warning interval passes in a
 * fraction of a second. Model time = wall time since creation * {@code speedup}.
 *
 * <p>Model-only. Thread-safe.
 */
public final class ScaledClock implements Clock {
    private final long startNanos = System.nanoTime();
    private final double speedup;

    /** @param speedup how many model seconds pass per wall second; 1 is real time; must be &gt; 0 */
    public ScaledClock(double speedup) {
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("speedup: " + speedup + " (expected: > 0)");
        }
        this.speedup = speedup;
    }

    /** The unscaled clock. */
    public static ScaledClock realTime() {
        return new ScaledClock(1);
    }

    public double speedup() {
        return speedup;
    }

    @Override
    public long nanoTime() {
        return (long) ((System.nanoTime() - startNanos) * speedup);
    }

    @Override
    public long wallNanosUntil(long atNanos) {
        return (long) ((atNanos - nanoTime()) / speedup);
    }

    @Override
    public void sleepMillis(long millis) throws InterruptedException {
        long wallNanos = (long) (millis * 1_000_000L / speedup);
        Thread.sleep(wallNanos / 1_000_000L, (int) (wallNanos % 1_000_000L));
    }
}
