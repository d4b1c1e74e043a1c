package org.reftrace.netdev;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code dev->refcnt}: starts at 1 (the allocation's own reference, never dropped explicitly).
 *
 * <p>The kernel keeps this count per CPU by default ({@code CONFIG_PCPU_DEV_REFCNT}), which makes a hold cheap
 * but means only the sum is meaningful and an underflow cannot be seen when it happens (syzbot has reported
 * {@code Usage count = -1}). The model keeps one atomic instead, as the {@code refcount_t} build does: reading
 * is exact and O(1), and an underflow is caught by the put that causes it. Unlike {@code refcount_t} it does
 * not saturate: the count goes negative, as the per-CPU sum would, so the warning shows the real balance.
 *
 * <p>Thread-safe, lock-free.
 */
final class NetdevRefcount {
    private final AtomicInteger count = new AtomicInteger(1);

    /** Takes a reference; returns the new count. */
    int hold() {
        return count.incrementAndGet();
    }

    /** Drops a reference; returns the new count. A result below 1 is an underflow. */
    int put() {
        return count.decrementAndGet();
    }

    /** {@code netdev_refcnt_read()}: the exact count. */
    int read() {
        return count.get();
    }
}
