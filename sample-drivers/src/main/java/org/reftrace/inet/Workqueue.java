package org.reftrace.inet;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct workqueue_struct}, model-only in when it runs: queued work runs only when {@link #flush()} is
 * called (time passes, the kworker gets the CPU), on the queue's worker thread, so runs are deterministic while
 * what a work function puts is put on another thread. The pending-bit contract is the kernel's: queueing work
 * already pending does nothing and says so, which is what users that hold a reference per queued work rely on.
 *
 * <p>Thread-safe.
 */
public final class Workqueue {
    private final String threadName;
    private final List<DelayedWork> queued = new ArrayList<>();

    /** {@code alloc_workqueue(name)}; works run on a thread named {@code kworker/u:NAME}. */
    public Workqueue(String name) {
        this.threadName = "kworker/u:" + name;
    }

    /** {@code queue_delayed_work()}: queues the work unless it is pending; returns whether it queued it. */
    public boolean queueDelayedWork(DelayedWork work, long delayJiffies) {
        synchronized (queued) {
            if (work.pending) {
                return false;
            }
            work.pending = true;
            queued.add(work);
            return true;
        }
    }

    /** {@code mod_delayed_work()}: queues or re-times the work; returns whether it was already pending. */
    public boolean modDelayedWork(DelayedWork work, long delayJiffies) {
        synchronized (queued) {
            if (work.pending) {
                return true;
            }
            work.pending = true;
            queued.add(work);
            return false;
        }
    }

    /** {@code cancel_delayed_work()}: dequeues the work if pending; returns whether it was. */
    public boolean cancelDelayedWork(DelayedWork work) {
        synchronized (queued) {
            if (!work.pending) {
                return false;
            }
            work.pending = false;
            queued.remove(work);
            return true;
        }
    }

    /**
     * Model-only: the worker runs every queued work, and whatever those queue meanwhile, on its own thread.
     *
     * @return how many work functions ran
     */
    public int flush() {
        int[] ran = new int[1];
        OtherCpu.run(threadName, () -> {
            while (true) {
                DelayedWork next;
                synchronized (queued) {
                    if (queued.isEmpty()) {
                        return;
                    }
                    next = queued.remove(0);
                    next.pending = false; // the pending bit is cleared before the function runs
                }
                next.function.run();
                ran[0]++;
            }
        });
        return ran[0];
    }

    /** Works queued and not yet run. */
    public int pendingWorks() {
        synchronized (queued) {
            return queued.size();
        }
    }
}
