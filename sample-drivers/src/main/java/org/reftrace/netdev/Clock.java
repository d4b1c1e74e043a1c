package org.reftrace.netdev;

/**
 * The one source of time for the model: every timing in the core (the wait's 1 s rebroadcast, its back-off,
 * the 10 s warning, timers of delayed work) goes through it, so tests run on a {@link FakeClock} and demos scale
 * time down.
 *
 * <p>Model-only: the kernel reads {@code jiffies}.
 */
public interface Clock {

    /** Model time since boot, in nanoseconds. Monotonic. */
    long nanoTime();

    /** Sleeps for {@code millis} of model time ({@code msleep}). */
    void sleepMillis(long millis) throws InterruptedException;

    /**
     * How many wall-clock nanoseconds remain until model time reaches {@code atNanos} (0 or less: it has). A
     * clock that runs faster than wall time divides; the default assumes model time is wall time.
     */
    default long wallNanosUntil(long atNanos) {
        return atNanos - nanoTime();
    }
}
