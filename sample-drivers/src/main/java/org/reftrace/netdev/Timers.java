package org.reftrace.netdev;

import java.util.PriorityQueue;

/**
 * {@code kernel/time/timer.c} as far as delayed work needs it: {@code add_timer()} and {@code del_timer()}. A
 * timer's function runs once model time reaches its expiry; it must be short and must not block (it runs in
 * "softirq" context: on the {@link FakeClock}'s sleeping thread, or on the model's timer thread).
 *
 * <p>Model-only in how time passes: on a {@link FakeClock} timers fire while someone sleeps on it, in time order;
 * on any other clock a daemon thread, started when the first timer is added and ended when none is left, waits in
 * wall time ({@link Clock#wallNanosUntil}).
 *
 * <p>Thread-safe.
 */
final class Timers {
    /** A pending timer, for {@link #cancel}. */
    static final class Timer implements Comparable<Timer> {
        final long expiresNanos;
        final long sequence;
        final Runnable function;
        Object fakeHandle;

        private Timer(long expiresNanos, long sequence, Runnable function) {
            this.expiresNanos = expiresNanos;
            this.sequence = sequence;
            this.function = function;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(expiresNanos, other.expiresNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final Clock clock;
    private final PriorityQueue<Timer> pending = new PriorityQueue<>();
    private long sequence;
    private Thread thread;

    Timers(Clock clock) {
        this.clock = clock;
    }

    /** {@code add_timer()}: {@code function} runs once model time reaches {@code expiresNanos}. */
    Timer add(long expiresNanos, Runnable function) {
        Timer timer;
        synchronized (this) {
            timer = new Timer(expiresNanos, sequence++, function);
            if (!(clock instanceof FakeClock)) {
                pending.add(timer);
                if (thread == null) {
                    thread = new Thread(this::run, "ktimer (reftrace model)");
                    thread.setDaemon(true);
                    thread.start();
                }
                notifyAll();
                return timer;
            }
        }
        FakeClock fake = (FakeClock) clock;
        timer.fakeHandle = fake.atNanos(expiresNanos, () -> fire(timer));
        return timer;
    }

    /** {@code del_timer()}: returns whether the timer was still pending (and now never fires). */
    boolean cancel(Timer timer) {
        if (timer.fakeHandle != null) {
            return ((FakeClock) clock).cancel(timer.fakeHandle);
        }
        synchronized (this) {
            return pending.remove(timer);
        }
    }

    private void fire(Timer timer) {
        timer.function.run();
    }

    private void run() {
        while (true) {
            Timer due;
            synchronized (this) {
                while (true) {
                    Timer next = pending.peek();
                    if (next == null) {
                        thread = null;
                        return;
                    }
                    long waitNanos = clock.wallNanosUntil(next.expiresNanos);
                    if (waitNanos <= 0) {
                        due = pending.poll();
                        break;
                    }
                    try {
                        wait(Math.max(1, waitNanos / 1_000_000L), (int) (waitNanos % 1_000_000L));
                    } catch (InterruptedException e) {
                        // the model's timer thread is never meant to stop while timers are pending
                        Thread.currentThread().interrupt();
                        thread = null;
                        return;
                    }
                }
            }
            fire(due);
        }
    }
}
