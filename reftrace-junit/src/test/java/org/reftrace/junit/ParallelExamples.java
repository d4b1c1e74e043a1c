package org.reftrace.junit;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two tests run at the same time by {@link ReftraceExtensionTest} (JUnit's parallel execution): one leaks while
 * the other, clean, is checked. The barrier makes them overlap: the leak is taken after the clean test's mark and
 * is still held when the clean test is checked. Not a test class of its own (Surefire runs {@code *Test} classes):
 * the extension's check after each test is what these tests are judged by, and
 * {@link ReftraceExtensionTest#testsRunInParallelNeverSeeEachOthersReferences} asserts its verdicts.
 */
@ExtendWith(ReftraceExtension.class)
class ParallelExamples {
    static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);

    @Test
    void leaksWhileTheOtherRuns() throws Exception {
        BOTH_RUNNING.await(30, TimeUnit.SECONDS);
        Buffer.allocate("parallel-leak"); // never released
        BOTH_RUNNING.await(30, TimeUnit.SECONDS);
    }

    @Test
    void staysCleanWhileTheOtherLeaks() throws Exception {
        BOTH_RUNNING.await(30, TimeUnit.SECONDS);
        Buffer b = Buffer.allocate("parallel-clean");
        BOTH_RUNNING.await(30, TimeUnit.SECONDS);
        b.release();
    }
}
