package org.reftrace.inet;

/**
 * {@code struct timer_list}: a callback that runs once after it is armed, on its {@link TimerBase}'s softirq
 * thread. The kernel's contract is the model's: {@link #modTimer} and {@link #delTimer} say whether the timer
 * was pending, which is how users that hold a reference for a pending timer know whether to take or drop one.
 *
 * <p>Thread-safe.
 */
public final class TimerList {
    private final TimerBase base;
    private final String name;
    private final Runnable function;
    private boolean pending;
    private long expires;
    private volatile boolean expireAfterNextPendingCheck;

    /** {@code timer_setup(timer, function, 0)}. */
    public TimerList(TimerBase base, String name, Runnable function) {
        this.base = base;
        this.name = name;
        this.function = function;
    }

    /** {@code mod_timer()}: (re)arms the timer; returns whether it was pending (the kernel's 1), else false. */
    public boolean modTimer(long expiresJiffies) {
        synchronized (this) {
            boolean was = pending;
            pending = true;
            expires = expiresJiffies;
            base.arm(this);
            return was;
        }
    }

    /** {@code del_timer()}: disarms the timer; returns whether it was pending. */
    public boolean delTimer() {
        synchronized (this) {
            boolean was = pending;
            pending = false;
            base.disarm(this);
            return was;
        }
    }

    /**
     * {@code timer_pending()}. A check that is not atomic with what follows it: with
     * {@link #expireRightAfterNextPendingCheck()} the timer, if pending, expires on its softirq thread right after
     * this returns its answer.
     */
    public boolean timerPending() {
        boolean answer;
        synchronized (this) {
            answer = pending;
        }
        if (expireAfterNextPendingCheck) {
            expireAfterNextPendingCheck = false;
            expire();
        }
        return answer;
    }

    /**
     * Model-only race: the next {@link #timerPending()} check is followed at once by the timer expiring on another
     * CPU, inside the window between the caller's check and what it does next.
     */
    public void expireRightAfterNextPendingCheck() {
        expireAfterNextPendingCheck = true;
    }

    /** The expiry last armed, in the caller's jiffies. */
    public synchronized long expires() {
        return expires;
    }

    /** Runs the callback on the softirq thread if the timer is pending; returns whether it ran. */
    boolean expire() {
        synchronized (this) {
            if (!pending) {
                return false;
            }
            pending = false; // the kernel detaches the timer before calling its function
            base.disarm(this);
        }
        OtherCpu.run(base.threadName(), function);
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
