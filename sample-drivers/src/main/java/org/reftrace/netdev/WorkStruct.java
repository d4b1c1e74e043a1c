package org.reftrace.netdev;

import java.util.function.Consumer;

/**
 * {@code struct work_struct}: a function to run later on a workqueue's kworker thread. Made with
 * {@code INIT_WORK(work, func)} ({@link #WorkStruct(Consumer)}); queued with {@link Dev#queueWork}. A work item is
 * pending from the moment it is queued until its function starts; queueing a pending item again does nothing. It
 * never runs on two threads at once.
 *
 * <p>Thread-safe; its state is guarded by its kernel's workqueue lock.
 */
public final class WorkStruct {
    final Consumer<WorkStruct> func;
    /** The workqueue it was last queued on, or {@code null}. */
    Workqueue wq;
    /** {@code WORK_STRUCT_PENDING}: queued (or its timer armed) and not yet started. */
    boolean pending;
    /** The queueing that is pending, numbered per workqueue; what a flush waits for. */
    long pendingSeq;
    /** The thread running it now, or {@code null}. */
    Thread runner;
    /** The queueing whose run is under way. */
    long runningSeq;
    /** {@code WORK_OFFQ_CANCELING}: a synchronous cancel is under way; queueing it now does nothing. */
    int canceling;
    /** Set when the work belongs to a {@link DelayedWork}. */
    DelayedWork delayed;

    /** {@code INIT_WORK(work, func)}. */
    public WorkStruct(Consumer<WorkStruct> func) {
        this.func = func;
    }

    /** {@code work_pending()}. */
    public boolean isPending() {
        synchronized (Workqueues.LOCK) {
            return pending;
        }
    }

    /** {@code work_busy()}: pending or running. */
    public boolean isBusy() {
        synchronized (Workqueues.LOCK) {
            return pending || runner != null;
        }
    }

    /** {@code to_delayed_work()}: the delayed work this item belongs to, or {@code null}. */
    public DelayedWork toDelayedWork() {
        return delayed;
    }
}
