package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code kernel/workqueue.c}: queueing, cancelling and flushing work. The functions behind {@link Dev}'s
 * workqueue API; each is named after the kernel's.
 *
 * <p>Implementation notes. One lock ({@link #LOCK}) guards every workqueue and work item, as the kernel's pool
 * locks do together with the {@code PENDING} bit; waiting (flush, cancel_sync) is {@code LOCK.wait()}, woken by
 * every change. A flush or a synchronous cancel from the kworker the work runs on would deadlock the kernel; the
 * model warns and returns instead. Waiting under rtnl for a work item that itself takes rtnl deadlocks, exactly as
 * in the kernel (that is what {@link Rtnl#tryLock()} is for).
 *
 * <p>Thread-safe.
 */
final class Workqueues {
    /** Guards all workqueue state, of every kernel in the JVM (contention is negligible in the model). */
    static final Object LOCK = new Object();

    private final Kernel kernel;
    private final AtomicInteger workerIds = new AtomicInteger();
    /** Every workqueue of this kernel not yet destroyed, in allocation order; guarded by {@link #LOCK}. */
    private final Set<Workqueue> live = new LinkedHashSet<>();

    Workqueues(Kernel kernel) {
        this.kernel = kernel;
    }

    /** {@code kworker/u4:N-NAME}: an unbound worker, suffixed with the workqueue it serves. */
    String workerName(String wqName) {
        return "kworker/u4:" + workerIds.getAndIncrement() + "-" + wqName;
    }

    void register(Workqueue wq) {
        synchronized (LOCK) {
            live.add(wq);
        }
    }

    /**
     * Model-only: drains every live workqueue of this kernel, again and again until a whole pass finds them all
     * idle, since work on one queues work on another (a bond's monitor schedules linkwatch, linkwatch's events
     * queue a bond's notify work).
     */
    void quiesce() {
        while (true) {
            List<Workqueue> all;
            synchronized (LOCK) {
                all = new ArrayList<>(live);
                if (all.stream().allMatch(Workqueue::idleLocked) || Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            all.forEach(Workqueues::drainWorkqueue);
        }
    }

    static boolean queueWork(Workqueue wq, WorkStruct work) {
        synchronized (LOCK) {
            if (work.pending || work.canceling > 0) {
                return false;
            }
            work.pending = true;
            wq.enqueueLocked(work);
            return true;
        }
    }

    static boolean queueDelayedWork(Workqueue wq, DelayedWork dwork, long delayMillis) {
        synchronized (LOCK) {
            if (dwork.work.pending || dwork.work.canceling > 0) {
                return false;
            }
            dwork.work.pending = true;
            armLocked(wq, dwork, delayMillis);
            return true;
        }
    }

    static boolean modDelayedWork(Workqueue wq, DelayedWork dwork, long delayMillis) {
        synchronized (LOCK) {
            if (dwork.work.canceling > 0) {
                return false;
            }
            boolean wasPending = grabPendingLocked(dwork.work);
            dwork.work.pending = true;
            armLocked(wq, dwork, delayMillis);
            return wasPending;
        }
    }

    /** {@code __queue_delayed_work()}: with no delay the work is queued at once, else when the timer expires. */
    private static void armLocked(Workqueue wq, DelayedWork dwork, long delayMillis) {
        dwork.wq = wq;
        if (delayMillis <= 0) {
            wq.enqueueLocked(dwork.work);
            return;
        }
        Kernel kernel = wq.kernel;
        long expires = kernel.clock().nanoTime() + delayMillis * 1_000_000L;
        dwork.timer = kernel.timers().add(expires, () -> delayedWorkTimerFn(dwork));
    }

    /** {@code delayed_work_timer_fn()}. */
    private static void delayedWorkTimerFn(DelayedWork dwork) {
        synchronized (LOCK) {
            if (dwork.timer == null) {
                return; // cancelled while firing
            }
            dwork.timer = null;
            dwork.wq.enqueueLocked(dwork.work);
        }
    }

    /** {@code try_to_grab_pending()}: takes a pending item (timer or queue) back; returns whether it was pending. */
    private static boolean grabPendingLocked(WorkStruct work) {
        if (!work.pending) {
            return false;
        }
        DelayedWork dwork = work.delayed;
        if (dwork != null && dwork.timer != null) {
            dwork.wq.kernel.timers().cancel(dwork.timer);
            dwork.timer = null;
        } else if (work.wq != null) {
            work.wq.removeLocked(work);
        }
        work.pending = false;
        return true;
    }

    static boolean cancelWork(WorkStruct work) {
        synchronized (LOCK) {
            return grabPendingLocked(work);
        }
    }

    /** {@code cancel_work_sync()}: while it waits, the running instance cannot queue the work again. */
    static boolean cancelWorkSync(WorkStruct work) {
        synchronized (LOCK) {
            boolean wasPending = grabPendingLocked(work);
            if (waitsForItself(work, "cancel_work_sync")) {
                return wasPending;
            }
            work.canceling++;
            try {
                while (work.runner != null && awaitLocked()) {
                    // wait for the running instance
                }
                grabPendingLocked(work);
            } finally {
                work.canceling--;
            }
            return wasPending;
        }
    }

    static boolean flushWork(WorkStruct work) {
        synchronized (LOCK) {
            if (!work.pending && work.runner == null) {
                return false;
            }
            if (waitsForItself(work, "flush_work") || (timerArmed(work) && work.runner == null)) {
                return false; // a delayed work whose timer is still armed has nothing queued to wait for
            }
            long target = work.pending && !timerArmed(work) ? work.pendingSeq : work.runningSeq;
            while (((work.pending && !timerArmed(work) && work.pendingSeq <= target)
                    || (work.runner != null && work.runningSeq <= target)) && awaitLocked()) {
                // wait for the queueing seen at the call to finish
            }
            return true;
        }
    }

    static boolean flushDelayedWork(DelayedWork dwork) {
        synchronized (LOCK) {
            if (dwork.timer != null) {
                dwork.wq.kernel.timers().cancel(dwork.timer);
                dwork.timer = null;
                dwork.wq.enqueueLocked(dwork.work);
            }
        }
        return flushWork(dwork.work);
    }

    static void flushWorkqueue(Workqueue wq) {
        synchronized (LOCK) {
            if (wq.isWorker(Thread.currentThread())) {
                // check_flush_dependency(): the kernel would deadlock on its own worker
                wq.kernel.log().warn(null, "workqueue: flush_workqueue(" + wq.name() + ") from its own worker");
                return;
            }
            long target = wq.lastSeqLocked();
            while (!wq.flushedLocked(target) && awaitLocked()) {
                // wait for everything queued before the call
            }
        }
    }

    /** {@code drain_workqueue()}: flushes until nothing is queued any more, chained work included. */
    static void drainWorkqueue(Workqueue wq) {
        while (true) {
            flushWorkqueue(wq);
            synchronized (LOCK) {
                if (wq.idleLocked() || wq.isWorker(Thread.currentThread()) || Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    static void destroyWorkqueue(Workqueue wq) {
        drainWorkqueue(wq);
        synchronized (LOCK) {
            wq.markDestroyedLocked();
            wq.kernel.workqueues().live.remove(wq);
        }
    }

    private static boolean timerArmed(WorkStruct work) {
        return work.delayed != null && work.delayed.timer != null;
    }

    private static boolean waitsForItself(WorkStruct work, String function) {
        if (work.runner == Thread.currentThread()) {
            work.wq.kernel.log().warn(null, "workqueue: " + function + " of a work item from its own function");
            return true;
        }
        return false;
    }

    /** Waits for the next change; {@code false} when interrupted (the flag is kept and the wait ends). */
    private static boolean awaitLocked() {
        try {
            LOCK.wait();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
