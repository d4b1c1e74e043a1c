package org.reftrace.netdev;

/**
 * The one source of time for the model: every timing in the core (the wait's 1 s rebroadcast, its back-off,
 * the 10 s warning) goes through it, so tests run on a {@link FakeClock} and demos scale time down.
 *
 * <p>Model-only: the kernel reads {@code jiffies}.
 */
public interface Clock {

    /** Model time since boot, in nanoseconds. Monotonic. */
    long nanoTime();

    /** Sleeps for {@code millis} of model time ({@code msleep}). */
    void sleepMillis(long millis) throws InterruptedException;
}
