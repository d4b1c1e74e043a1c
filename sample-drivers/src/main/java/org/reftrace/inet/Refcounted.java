package org.reftrace.inet;

import java.util.concurrent.atomic.AtomicInteger;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelMessage;

/**
 * What every refcounted object of the IP stack shares: its own {@code refcount_t}, a name for reports, whether
 * it has been freed, and the checks a KASAN and {@code refcount_t} kernel makes on every get and put.
 *
 * <p>The count follows {@code include/linux/refcount.h}: {@code refcount_inc()} of 0 reports
 * {@code refcount_t: addition on 0; use-after-free.}; {@code refcount_inc_not_zero()} of 0 fails quietly;
 * {@code refcount_dec_and_test()} below 0 reports {@code refcount_t: underflow; use-after-free.};
 * {@code refcount_dec()} to 0 (a put that cannot free) reports {@code refcount_t: decrement hit 0; leaking
 * memory.}. Each is reported once per object ({@code WARN_ONCE}); the count itself keeps the arithmetic
 * (the kernel saturates it), so a report can show how far it went. A get or put of an object already freed
 * reports {@code BUG: KASAN: use-after-free in FUNCTION on NAME} and does nothing else.
 *
 * <p>Thread-safe.
 */
public abstract class Refcounted {
    private final Kernel kernel;
    private final AtomicInteger refcnt;
    private volatile boolean freed;
    private volatile boolean underflowReported;
    private volatile boolean additionOnZeroReported;

    /** @param initial the count the object starts with ({@code refcount_set()} at allocation) */
    protected Refcounted(Kernel kernel, int initial) {
        this.kernel = kernel;
        this.refcnt = new AtomicInteger(initial);
    }

    /** The name reports use, e.g. {@code in_device(eth0)}; reflects the object's current state. */
    public abstract String name();

    /** {@code refcount_read()}. */
    public final int refcnt() {
        return refcnt.get();
    }

    /** Model-only: whether the object's memory has been freed ({@code kfree}, possibly after a grace period). */
    public final boolean isFreed() {
        return freed;
    }

    /** The kernel this object lives in. */
    public final Kernel kernel() {
        return kernel;
    }

    @Override
    public String toString() {
        return name() + " (refcnt " + refcnt.get() + (freed ? ", freed" : "") + ")";
    }

    /** Whether the object may be touched by {@code function}; otherwise reports the use after free. */
    final boolean live(String function) {
        if (!freed) {
            return true;
        }
        report(KernelMessage.Kind.MEMORY, "BUG: KASAN: use-after-free in " + function + " on " + name()
                + " (already freed)\n" + kernel.dumpStack());
        return false;
    }

    /** {@code refcount_inc()}. */
    final void inc(String function) {
        if (!live(function)) {
            return;
        }
        int old = refcnt.getAndIncrement();
        if (old <= 0 && !additionOnZeroReported) {
            additionOnZeroReported = true;
            report(KernelMessage.Kind.MEMORY, "refcount_t: addition on 0; use-after-free. " + function + "("
                    + name() + ")\n" + kernel.dumpStack());
        }
    }

    /** {@code refcount_inc_not_zero()}: takes a reference only while someone still holds one. */
    final boolean incNotZero(String function) {
        if (!live(function)) {
            return false;
        }
        return refcnt.getAndUpdate(n -> n > 0 ? n + 1 : n) > 0;
    }

    /** {@code refcount_dec_and_test()}: whether this put dropped the last reference (the caller frees). */
    final boolean decAndTest(String function) {
        if (!live(function)) {
            return false;
        }
        int left = refcnt.decrementAndGet();
        if (left < 0) {
            reportUnderflow(function, left);
            return false;
        }
        return left == 0;
    }

    /** {@code refcount_dec()}: a put that must never be the last one. */
    final void dec(String function) {
        if (!live(function)) {
            return;
        }
        int left = refcnt.decrementAndGet();
        if (left < 0) {
            reportUnderflow(function, left);
        } else if (left == 0) {
            report(KernelMessage.Kind.WARN, "WARNING: refcount_t: decrement hit 0; leaking memory. " + function + "("
                    + name() + ")\n" + kernel.dumpStack());
        }
    }

    /** {@code kfree()} of the object: from now on every get or put is a use after free. */
    final void markFreed() {
        freed = true;
    }

    /** Prints a line about this object, as its subsystem would. */
    final void report(KernelMessage.Kind kind, String text) {
        kernel.log().report(kind, name(), text);
    }

    private void reportUnderflow(String function, int left) {
        if (!underflowReported) {
            underflowReported = true;
            report(KernelMessage.Kind.MEMORY, "refcount_t: underflow; use-after-free. " + function + "(" + name()
                    + ") left refcnt " + left + "\n" + kernel.dumpStack());
        }
    }
}
