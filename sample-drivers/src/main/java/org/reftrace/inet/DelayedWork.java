package org.reftrace.inet;

/** {@code struct delayed_work}: a function a {@link Workqueue} runs once per queueing. */
public final class DelayedWork {
    final String name;
    final Runnable function;
    /** {@code WORK_STRUCT_PENDING}; guarded by the workqueue it is queued on. */
    volatile boolean pending;

    /** {@code INIT_DELAYED_WORK(work, function)}. */
    public DelayedWork(String name, Runnable function) {
        this.name = name;
        this.function = function;
    }

    /** {@code delayed_work_pending()}. */
    public boolean isPending() {
        return pending;
    }

    @Override
    public String toString() {
        return name;
    }
}
