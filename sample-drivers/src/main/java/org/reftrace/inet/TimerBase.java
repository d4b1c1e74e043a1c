package org.reftrace.inet;

import java.util.ArrayList;
import java.util.List;

/**
 * Model-only stand-in for a CPU's timer wheel ({@code kernel/time/timer.c}): the timers of one subsystem.
 * Timers expire only when {@link #runTimers()} is called, never by themselves, so runs are deterministic; each
 * callback runs on the wheel's softirq thread ({@link OtherCpu}), so what it puts is put on another thread.
 *
 * <p>Thread-safe.
 */
public final class TimerBase {
    private final String threadName;
    private final List<TimerList> pending = new ArrayList<>();

    /** @param threadName the softirq thread callbacks run on, e.g. {@code ksoftirqd/0} */
    public TimerBase(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Every timer pending now expires, in the order armed; a timer a callback re-arms waits for the next call.
     *
     * @return how many callbacks ran
     */
    public int runTimers() {
        List<TimerList> due;
        synchronized (pending) {
            due = new ArrayList<>(pending);
        }
        int ran = 0;
        for (TimerList timer : due) {
            if (timer.expire()) {
                ran++;
            }
        }
        return ran;
    }

    /** Timers armed and not yet expired or deleted. */
    public int pendingTimers() {
        synchronized (pending) {
            return pending.size();
        }
    }

    String threadName() {
        return threadName;
    }

    void arm(TimerList timer) {
        synchronized (pending) {
            if (!pending.contains(timer)) {
                pending.add(timer);
            }
        }
    }

    void disarm(TimerList timer) {
        synchronized (pending) {
            pending.remove(timer);
        }
    }
}
