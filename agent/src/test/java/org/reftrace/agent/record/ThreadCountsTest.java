package org.reftrace.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** The per-thread counters add up exactly over threads alive and ended, and forget the cells of ended threads. */
class ThreadCountsTest {
    @Test
    void countsOfManyThreadsAddUpExactlyAndOutliveTheirThreads() throws Exception {
        SiteTable sites = new SiteTable();
        for (int i = 0; i < 100; i++) {
            sites.register("app.Worker", "run", "Worker.java", i, 0);
        }
        ThreadCounts counts = new ThreadCounts(2, sites);
        int threads = 8;
        int rounds = 20_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                ThreadCounts.Cells mine = counts.mine();
                for (int i = 0; i < rounds; i++) {
                    Site site = sites.get((worker * 7 + i) % 100); // each thread's highest site grows its array
                    mine.event(i % 2);
                    mine.taken(site, 2);
                    mine.released(site, 1);
                    mine.quick(site);
                    mine.live(1);
                    mine.paired(PairingRule.OWNER);
                }
            });
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join(30_000);
        }
        long taken = 0;
        long released = 0;
        long quick = 0;
        for (int id = 0; id < 100; id++) {
            taken += counts.taken(sites.get(id));
            released += counts.released(sites.get(id));
            quick += counts.quick(sites.get(id));
        }
        long all = (long) threads * rounds;
        assertThat(counts.events(0) + counts.events(1)).isEqualTo(all);
        assertThat(taken).isEqualTo(2 * all);
        assertThat(released).isEqualTo(all);
        assertThat(quick).isEqualTo(all);
        assertThat(counts.live()).isEqualTo(all);
        assertThat(counts.pairings(PairingRule.OWNER)).isEqualTo(all);
        assertThat(counts.cellsKept()).as("the ended threads' cells are folded into the totals").isZero();
    }

    @Test
    void aThreadsCellsAreKeptWhileItLivesAndASiteNeverIssuedIsNotCounted() {
        SiteTable sites = new SiteTable();
        Site known = sites.get(sites.register("app.Worker", "run", "Worker.java", 1, 0));
        ThreadCounts counts = new ThreadCounts(1, sites);
        counts.mine().taken(known, 3);
        counts.mine().taken(sites.get(1_000_000), 1); // a placeholder: no report lists it, nothing to grow for
        counts.mine().live(-1); // a put of another thread's hold: outstanding counts go down on this thread
        assertThat(counts.taken(known)).isEqualTo(3);
        assertThat(counts.live()).isEqualTo(-1);
        assertThat(counts.cellsKept()).isEqualTo(1);
    }
}
