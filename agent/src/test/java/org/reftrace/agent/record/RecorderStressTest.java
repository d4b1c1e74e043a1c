package org.reftrace.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reftrace.dump.Dump;

/** Many threads holding and putting on shared objects: the recorder's accounting stays exact. */
class RecorderStressTest {

    @Test
    void concurrentHoldsAndPutsLeaveExactlyTheLeakedOnes() throws Exception {
        Recorder recorder = new Recorder(FakeDevice.profiles(), new RecorderConfig(4, 10_000_000, 1000, 10, 1000, 100));
        ProfileRuntime p = recorder.runtimes().get(0);
        Site site = recorder.sites().get(recorder.sites().register("app.Worker", "run", "Worker.java", 1, 0));
        List<FakeDevice> shared = List.of(new FakeDevice("s0"), new FakeDevice("s1"));
        int threads = 8;
        int rounds = 20_000;
        int leaksPerThread = 5;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    Object owner = new Object();
                    Attribution who = new Attribution(site, owner, Thread.currentThread().getName(), 0);
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        FakeDevice dev = shared.get(i % 2);
                        Object tracker = new Object();
                        recorder.hold(p, dev, null, 1, who);
                        recorder.hold(p, dev, tracker, 1, who);
                        recorder.put(p, dev, tracker, 1, who);
                        recorder.put(p, dev, null, 1, who);
                    }
                    for (int i = 0; i < leaksPerThread; i++) {
                        recorder.hold(p, shared.get(0), null, 1, who);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        Dump dump = Snapshots.take(recorder, SnapshotContext.of("t", false));
        assertThat(dump.objects()).filteredOn(o -> o.name().equals("s0")).singleElement()
                .satisfies(o -> assertThat(o.holders()).hasSize(threads * leaksPerThread));
        assertThat(dump.objects()).filteredOn(o -> o.name().equals("s1")).allSatisfy(o -> assertThat(o.holders()).isEmpty());
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.pairings().get("tracker")).isEqualTo((long) threads * rounds);
        assertThat(dump.pairings().get("owner")).isEqualTo((long) threads * rounds);
    }
}
