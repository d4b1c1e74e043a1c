package org.reftrace.testfixture.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection pool with a lifecycle of its own: every lease is a reference on the pool, and {@code close()} waits
 * for the leases to come back, warning every second, like the kernel's wait for a device's references. The
 * user-defined lifecycle example of docs/profiles.md.
 */
public class ConnectionPool {
    private final String name;
    private final AtomicInteger leases = new AtomicInteger();

    public ConnectionPool(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Connections out. */
    public int leases() {
        return leases.get();
    }

    public Connection lease() {
        leases.incrementAndGet();
        return new Connection(this);
    }

    void giveBack(Connection connection) {
        leases.decrementAndGet();
    }

    /** Refuses new leases, then waits up to {@code timeoutMillis} for the outstanding ones; false if some stay out. */
    public boolean close(long timeoutMillis) throws InterruptedException {
        return awaitLeases(timeoutMillis);
    }

    boolean awaitLeases(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long nextWarning = System.nanoTime() + 1_000_000_000L;
        while (leases.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            if (System.nanoTime() >= nextWarning) {
                warnWaiting();
                nextWarning += 1_000_000_000L;
            }
        }
        return leases.get() == 0;
    }

    void warnWaiting() {
        System.err.println("pool " + name + ": waiting for " + leases.get() + " connection(s) to come back");
    }
}
