package org.reftrace.netdev;

import java.util.function.Consumer;

/**
 * {@code struct delayed_work}: a work item with a timer; {@link Dev#queueDelayedWork} arms the timer and the work
 * is queued when it expires. Made with {@code INIT_DELAYED_WORK(dwork, func)}.
 *
 * <p>Thread-safe; guarded by the workqueue lock.
 */
public final class DelayedWork {
    final WorkStruct work;
    /** The armed timer, or {@code null}. */
    Timers.Timer timer;
    /** The workqueue the timer will queue on. */
    Workqueue wq;

    /** {@code INIT_DELAYED_WORK(dwork, func)}. */
    public DelayedWork(Consumer<DelayedWork> func) {
        this.work = new WorkStruct(w -> func.accept(this));
        this.work.delayed = this;
    }

    /** {@code &dwork->work}. */
    public WorkStruct work() {
        return work;
    }

    /** {@code delayed_work_pending()}: the timer is armed or the work is queued. */
    public boolean isPending() {
        return work.isPending();
    }
}
