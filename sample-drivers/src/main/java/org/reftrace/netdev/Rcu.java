package org.reftrace.netdev;

import java.util.ArrayDeque;

/**
 * A minimal RCU: {@code call_rcu()} queues a callback that runs after a grace period. In the model a grace
 * period ends only when someone waits for one ({@code rcu_barrier()}, or {@link #gracePeriod()}), which keeps
 * every run deterministic and lets a scenario show a callback that runs "too late".
 *
 * <p>Thread-safe. Callbacks run on the thread that ends the grace period, outside any lock of this class.
 */
public final class Rcu {
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    /** {@code call_rcu()}: runs {@code callback} after the next grace period. */
    public void callRcu(Runnable callback) {
        synchronized (pending) {
            pending.addLast(callback);
        }
    }

    /** {@code rcu_barrier()}: waits until every callback queued so far (and any they queue) has run. */
    public void rcuBarrier() {
        gracePeriod();
    }

    /** {@code synchronize_net()}: waits for readers; the model has none, so callbacks stay queued. */
    public void synchronizeNet() {
        // No RCU readers exist in the model: a grace period is immediate and runs no callback by itself.
    }

    /** Model-only: a grace period elapses; every queued callback runs, in order. */
    public void gracePeriod() {
        while (true) {
            Runnable next;
            synchronized (pending) {
                next = pending.pollFirst();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    /** Callbacks queued and not yet run. */
    public int pendingCallbacks() {
        synchronized (pending) {
            return pending.size();
        }
    }
}
