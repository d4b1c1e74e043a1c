package org.reftrace.testfixture.pool;

/** A leased connection: closing it gives the lease back to its pool. */
public class Connection implements AutoCloseable {
    private final ConnectionPool pool;

    Connection(ConnectionPool pool) {
        this.pool = pool;
    }

    @Override
    public void close() {
        pool.giveBack(this);
    }
}
