package org.reftrace.netdev;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code dev->dev_refcnt}, a {@code refcount_t} ({@code CONFIG_PCPU_DEV_REFCNT=n}): starts at 1 (the
 * allocation's own reference, never dropped explicitly).
 *
 * <p>The kernel's default build keeps the count per CPU, where only the sum is meaningful and an underflow cannot
 * be seen when it happens (syzbot reported {@code Usage count = -1}). The model is the {@code refcount_t} build
 * ({@code lib/refcount.c}), as syzbot runs it: a decrement that reaches 0 ({@code refcount_dec}) or starts below
 * 1, and an increment from 0 or from a negative value, make {@code refcount_warn_saturate()} pin the count at
 * {@link #SATURATED}, where it stays; the wait then prints {@code Usage count = -1073741824}. Reading is exact
 * and O(1).
 *
 * <p>Thread-safe, lock-free.
 */
final class NetdevRefcount {
    /** {@code REFCOUNT_SATURATED}: {@code INT_MIN / 2}. */
    static final int SATURATED = Integer.MIN_VALUE / 2;

    /** {@code enum refcount_saturation_type}: what made the count saturate, with the kernel's text. */
    enum Saturation {
        /** {@code REFCOUNT_ADD_OVF}: an increment of a negative (saturated) count. */
        ADD_OVF("saturated; leaking memory"),
        /** {@code REFCOUNT_ADD_UAF}: an increment from 0. */
        ADD_UAF("addition on 0; use-after-free"),
        /** {@code REFCOUNT_SUB_UAF}: a decrement of a count already below 1. */
        SUB_UAF("underflow; use-after-free"),
        /** {@code REFCOUNT_DEC_LEAK}: {@code refcount_dec()} reached 0, which it must never do. */
        DEC_LEAK("decrement hit 0; leaking memory");

        private final String text;

        Saturation(String text) {
            this.text = text;
        }

        /** The warning as {@code REFCOUNT_WARN} prints it, e.g. {@code refcount_t: underflow; use-after-free.} */
        String warning() {
            return "refcount_t: " + text + ".";
        }
    }

    private final AtomicInteger count = new AtomicInteger(1);

    /** {@code refcount_inc()}: returns {@code null}, or the saturation this increment caused. */
    Saturation hold() {
        int old = count.getAndIncrement();
        if (old == 0) {
            count.set(SATURATED);
            return Saturation.ADD_UAF;
        }
        if (old < 0 || old + 1 < 0) {
            count.set(SATURATED);
            return Saturation.ADD_OVF;
        }
        return null;
    }

    /** {@code refcount_dec()}: returns {@code null}, or the saturation this decrement caused. */
    Saturation put() {
        int old = count.getAndDecrement();
        if (old == 1) {
            count.set(SATURATED);
            return Saturation.DEC_LEAK;
        }
        if (old <= 0) {
            count.set(SATURATED);
            return Saturation.SUB_UAF;
        }
        return null;
    }

    /** {@code netdev_refcnt_read()}: the exact count. */
    int read() {
        return count.get();
    }
}
