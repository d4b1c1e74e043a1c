package org.reftrace.netdev;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code struct workqueue_struct} ({@code kernel/workqueue.c}): work items run in queueing order on kworker
 * threads, at most {@code max_active} at once; an ordered workqueue ({@code alloc_ordered_workqueue}) runs one at a
 * time, strictly in order. Made with {@link Dev#allocWorkqueue}/{@link Dev#allocOrderedWorkqueue}; the kernel's
 * own are {@link Kernel#systemWq()} ({@code events}), {@link Kernel#systemUnboundWq()} ({@code events_unbound})
 * and {@link Kernel#netnsWq()} ({@code netns}).
 *
 * <p>Model differences: each workqueue has its own kworker threads (the kernel shares per-CPU pools between
 * workqueues), started when work is queued and ended when none is left, named
 * {@code kworker/u4:N-NAME} as {@code ps} shows a worker busy for that workqueue. A function that throws
 * (a {@link KernelBug}) is logged and the worker goes on, where the kernel would oops the kworker.
 *
 * <p>Thread-safe; guarded by {@link Workqueues#LOCK}.
 */
public final class Workqueue {
    /** How long an idle kworker waits for more work before it ends, in wall milliseconds. */
    static final long IDLE_MILLIS = 200;

    final Kernel kernel;
    private final String name;
    private final int maxActive;
    private final boolean ordered;
    private final ArrayDeque<WorkStruct> worklist = new ArrayDeque<>();
    /** Queueings not yet finished (queued or running), by sequence number: what a flush waits for. */
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private final List<Thread> workers = new ArrayList<>();
    private long seq;
    private boolean destroyed;

    Workqueue(Kernel kernel, String name, int maxActive, boolean ordered) {
        this.kernel = kernel;
        this.name = name;
        this.maxActive = ordered ? 1 : Math.max(1, maxActive);
        this.ordered = ordered;
        kernel.workqueues().register(this);
    }

    /** The name given at allocation, e.g. {@code netns} or {@code bond0}. */
    public String name() {
        return name;
    }

    /** Whether it runs one item at a time, in order. */
    public boolean isOrdered() {
        return ordered;
    }

    /** Whether {@code destroy_workqueue()} has run. Model-only. */
    public boolean isDestroyed() {
        synchronized (Workqueues.LOCK) {
            return destroyed;
        }
    }

    /** Items queued and not yet started. Model-only. */
    public int pendingCount() {
        synchronized (Workqueues.LOCK) {
            return worklist.size();
        }
    }

    /** Whether the calling thread is one of this workqueue's kworkers. */
    boolean isWorker(Thread thread) {
        synchronized (Workqueues.LOCK) {
            return workers.contains(thread);
        }
    }

    // ---- under Workqueues.LOCK ----

    /** {@code __queue_work()}: appends a work item that is already marked pending. */
    void enqueueLocked(WorkStruct work) {
        if (destroyed) {
            // __queue_work(): "WARN_ON_ONCE(!is_chained_work(wq))" on a draining or destroyed workqueue
            work.pending = false;
            kernel.log().warn(null, "workqueue: cannot queue work on destroyed workqueue " + name);
            return;
        }
        work.wq = this;
        work.pendingSeq = ++seq;
        inFlight.add(work.pendingSeq);
        worklist.addLast(work);
        startWorkerIfNeeded();
        Workqueues.LOCK.notifyAll();
    }

    /** Takes a pending item off the list (cancel); returns whether it was there. */
    boolean removeLocked(WorkStruct work) {
        if (worklist.remove(work)) {
            inFlight.remove(work.pendingSeq);
            Workqueues.LOCK.notifyAll();
            return true;
        }
        return false;
    }

    long lastSeqLocked() {
        return seq;
    }

    boolean flushedLocked(long upTo) {
        return inFlight.isEmpty() || inFlight.first() > upTo;
    }

    boolean idleLocked() {
        return inFlight.isEmpty();
    }

    void markDestroyedLocked() {
        destroyed = true;
    }

    boolean destroyedLocked() {
        return destroyed;
    }

    private void startWorkerIfNeeded() {
        if (workers.size() >= maxActive || runnableCount() <= workers.size() - busyWorkers()) {
            return;
        }
        Thread worker = new Thread(this::workerLoop, kernel.workqueues().workerName(name));
        worker.setDaemon(true);
        workers.add(worker);
        worker.start();
    }

    private int busyCount;

    private int busyWorkers() {
        return busyCount;
    }

    private int runnableCount() {
        int n = 0;
        for (WorkStruct w : worklist) {
            if (w.runner == null) {
                n++;
            }
        }
        return n;
    }

    /**
     * {@code worker_thread()}: runs items until none is left that is not already running elsewhere, then idles
     * for {@value #IDLE_MILLIS} ms of wall time (periodic work would otherwise start a thread per run) and ends.
     */
    private void workerLoop() {
        Thread self = Thread.currentThread();
        boolean idled = false;
        while (true) {
            WorkStruct work;
            long runSeq;
            synchronized (Workqueues.LOCK) {
                work = nextRunnable();
                if (work == null) {
                    if (!idled) {
                        idled = true;
                        try {
                            Workqueues.LOCK.wait(IDLE_MILLIS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        continue;
                    }
                    workers.remove(self);
                    Workqueues.LOCK.notifyAll();
                    return;
                }
                idled = false;
                work.pending = false;
                work.runner = self;
                runSeq = work.pendingSeq;
                work.runningSeq = runSeq;
                busyCount++;
            }
            try {
                work.func.accept(work);
            } catch (KernelBug bug) {
                // already in the log as a BUG; the kernel would oops this kworker
            } catch (RuntimeException | Error e) {
                kernel.log().warn(null, "workqueue " + name + ": work function failed: " + e);
            } finally {
                synchronized (Workqueues.LOCK) {
                    busyCount--;
                    work.runner = null;
                    inFlight.remove(runSeq);
                    Workqueues.LOCK.notifyAll();
                }
            }
        }
    }

    /** The first queued item not running on another worker (work items are non-reentrant). */
    private WorkStruct nextRunnable() {
        for (Iterator<WorkStruct> it = worklist.iterator(); it.hasNext(); ) {
            WorkStruct w = it.next();
            if (w.runner == null) {
                it.remove();
                return w;
            }
            if (ordered) {
                return null; // strictly in order: the head waits for its own previous run
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
