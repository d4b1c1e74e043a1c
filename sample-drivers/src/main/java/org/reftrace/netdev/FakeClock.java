package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock that only moves when someone sleeps on it, for tests that must see the wait's cadence (rebroadcast
 * every second, warning every ten) without sleeping for real. Actions scheduled with {@link #at} run, in time
 * order, on the sleeping thread at the moment model time passes them, e.g. "a holder puts its reference at
 * t = 15 s".
 *
 * <p>Model-only. Thread-safe, but meant for one sleeping thread at a time.
 */
public final class FakeClock implements Clock {
    private record Scheduled(long atNanos, long sequence, Runnable action) {}

    private long nowNanos;
    private long sequence;
    private final List<Scheduled> scheduled = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    @Override
    public void sleepMillis(long millis) {
        advanceNanos(millis * 1_000_000L);
    }

    /** Moves time forward, running every action scheduled up to the new time. */
    public void advanceNanos(long nanos) {
        long target;
        synchronized (this) {
            target = nowNanos + nanos;
        }
        while (true) {
            Scheduled next;
            synchronized (this) {
                next = scheduled.stream()
                        .filter(s -> s.atNanos <= target)
                        .min(Comparator.comparingLong(Scheduled::atNanos).thenComparingLong(Scheduled::sequence))
                        .orElse(null);
                if (next == null) {
                    nowNanos = target;
                    return;
                }
                scheduled.remove(next);
                nowNanos = Math.max(nowNanos, next.atNanos);
            }
            next.action.run();
        }
    }

    /** Runs {@code action} when model time reaches {@code seconds} after boot. */
    public synchronized void at(double seconds, Runnable action) {
        atNanos((long) (seconds * 1e9), action);
    }

    /**
     * Runs {@code action} on the sleeping thread when model time reaches {@code atNanos}; an action already due
     * runs at the next sleep. Returns a handle for {@link #cancel}.
     */
    public synchronized Object atNanos(long atNanos, Runnable action) {
        Scheduled s = new Scheduled(atNanos, sequence++, action);
        scheduled.add(s);
        return s;
    }

    /** Withdraws an action scheduled with {@link #atNanos}; returns whether it had not run yet. */
    public synchronized boolean cancel(Object handle) {
        return scheduled.remove(handle);
    }
}
