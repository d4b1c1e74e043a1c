package org.reftrace.testfixture.lease;

import java.util.ArrayList;
import java.util.List;

/** A program with a lease leak, run under a profile file by the tests. */
public final class LeaseUser {
    /** Keeps one of the leases it was given. */
    static final class Hoarder {
        final List<Lease> kept = new ArrayList<>();

        void borrow(Lease lease) {
            kept.add(lease.retain()); // never released
        }
    }

    private LeaseUser() {}

    public static void main(String[] args) {
        LeasePool pool = new LeasePool();
        Hoarder hoarder = new Hoarder();
        for (int i = 0; i < 3; i++) {
            Lease lease = pool.acquire("lease-" + i);
            if (i == 1) {
                hoarder.borrow(lease);
            }
            lease.release();
        }
        pool.close();
        System.out.println("done, hoarder keeps " + hoarder.kept.size());
    }
}
