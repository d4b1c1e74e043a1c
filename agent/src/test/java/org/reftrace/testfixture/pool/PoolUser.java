package org.reftrace.testfixture.pool;

/** Leases many connections, one of them on an error path that forgets to close it, then closes the pool. */
public final class PoolUser {
    private PoolUser() {}

    /** The request handler: on a bad request it returns early and the connection stays out. */
    static void handle(ConnectionPool pool, int request) {
        Connection c = pool.lease();
        if (request == 500) {
            return; // the bug: an early return that forgets c.close()
        }
        c.close();
    }

    public static void main(String[] args) throws Exception {
        ConnectionPool pool = new ConnectionPool("db");
        for (int request = 0; request < 1000; request++) {
            handle(pool, request);
        }
        boolean clean = pool.close(2500);
        System.out.println(clean ? "closed clean" : "closed with " + pool.leases() + " connection(s) out");
    }
}
