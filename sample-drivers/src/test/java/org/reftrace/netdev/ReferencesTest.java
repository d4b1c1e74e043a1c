package org.reftrace.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** dev_hold/dev_put, trackers, lookups and the memory checks on every reference operation (lifecycle §2). */
class ReferencesTest {
    private final FakeClock clock = new FakeClock();
    private final Kernel kernel = TestKernels.boot(clock);

    @Test
    void holdAndPutAreNullSafe() {
        devHold(null);
        devPut(null);
        netdevHold(null, new NetdevTracker());
        netdevPut(null, new NetdevTracker());
        assertThat(kernel.log().messages()).isEmpty();
    }

    @Test
    void underflowIsReportedByThePutThatCausesIt() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        devPut(dev); // drops the registration's reference: no underflow yet
        assertThat(kernel.log().of(KernelMessage.Kind.MEMORY)).isEmpty();
        devPut(dev);
        assertThat(kernel.log().of(KernelMessage.Kind.MEMORY)).singleElement().extracting(KernelMessage::text)
                .asString().startsWith("refcount_t: underflow; use-after-free. dev_put(eth0) left usage count 0")
                .contains("ReferencesTest.underflowIsReportedByThePutThatCausesIt");
        assertThat(dev.refcnt()).isZero();
    }

    @Test
    void secondPutThroughATrackerReportsReferenceAlreadyReleasedWithBothStacks() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        NetdevTracker tracker = new NetdevTracker();
        holdFromHere(dev, tracker);
        releaseFromHere(dev, tracker);
        assertThat(tracker.isLive()).isFalse();
        netdevPut(dev, tracker);
        String report = kernel.log().containing("reference already released").get(0).text();
        assertThat(report).startsWith("ref_tracker: reference already released.\nallocated in:\n")
                .contains("holdFromHere").contains("freed in:").contains("releaseFromHere");
        assertThat(dev.refcnt()).isEqualTo(1); // the put still happened, as in the kernel
    }

    private static void holdFromHere(NetDevice dev, NetdevTracker tracker) {
        netdevHold(dev, tracker);
    }

    private static void releaseFromHere(NetDevice dev, NetdevTracker tracker) {
        netdevPut(dev, tracker);
    }

    @Test
    void sharedTrackerPairsPutsWithTheWrongHolds() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        NetdevTracker shared = new NetdevTracker();
        netdevHold(dev, shared); // socket A
        netdevHold(dev, shared); // socket B overwrites the slot: A's tracker is orphaned
        netdevPut(dev, shared);  // A closes: releases B's tracker
        netdevPut(dev, shared);  // B closes: same tracker again
        assertThat(kernel.log().containing("reference already released")).hasSize(1);
        assertThat(dev.trackedRefs()).isEqualTo(2); // the registration's and A's, never released
        assertThat(dev.refcnt()).isEqualTo(2);
    }

    @Test
    void lookupWithTrackerTurnsTheLookupReferenceIntoATrackedOne() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        NetdevTracker tracker = new NetdevTracker();
        assertThat(netdevGetByName(kernel.initNet(), "eth0", tracker)).isSameAs(dev);
        assertThat(dev.refcnt()).isEqualTo(3);
        assertThat(dev.trackedRefs()).isEqualTo(2); // with the registration's own tracker
        netdevPut(dev, tracker);
        assertThat(dev.refcnt()).isEqualTo(2);
        assertThat(netdevGetByName(kernel.initNet(), "nope", tracker)).isNull();
    }

    @Test
    void trackersLeftAtFreeAreReportedAsLeakedReferences() {
        NetDevice dev = TestKernels.alloc(kernel, "eth0");
        netdevHold(dev, new NetdevTracker());
        freeNetdev(dev);
        assertThat(kernel.log().containing("leaked reference")).singleElement().extracting(KernelMessage::text)
                .asString().contains("trackersLeftAtFreeAreReportedAsLeakedReferences");
    }

    @Test
    void putAfterFreeIsAUseAfterFreeAndLeavesTheCountAlone() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        unregisterNetdev(dev);
        freeNetdev(dev);
        devPut(dev);
        assertThat(kernel.log().containing("KASAN: use-after-free in dev_put")).hasSize(1);
    }

    @Test
    void putAfterFreeNetdevButBeforeTheMemoryGoesHitsTheFreedRefcount() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        unregisterNetdev(dev);
        freeNetdev(dev);
        assertThat(kernel.log().messages()).isEmpty();
        NetDevice uninit = TestKernels.alloc(kernel, "eth1");
        Memory.kobjectGet(uninit); // someone still holds the device model reference
        uninit.regState = RegState.UNREGISTERED;
        freeNetdev(uninit);
        devPut(uninit);
        assertThat(kernel.log().containing("NULL pointer dereference in dev_put")).hasSize(1);
    }

    @Test
    void manyThreadsHoldingAndPuttingEndAtTheExactCount() throws Exception {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        int threads = 8;
        int rounds = 20_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    start.await();
                    NetdevTracker tracker = new NetdevTracker();
                    for (int i = 0; i < rounds; i++) {
                        devHold(dev);
                        if (id % 2 == 0) {
                            netdevHold(dev, tracker);
                            netdevPut(dev, tracker);
                        }
                        devPut(dev);
                    }
                    devHold(dev); // each thread keeps one reference
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(dev.refcnt()).isEqualTo(2 + threads);
        assertThat(dev.trackedRefs()).isEqualTo(1);
        assertThat(kernel.log().messages()).isEmpty();
    }
}
