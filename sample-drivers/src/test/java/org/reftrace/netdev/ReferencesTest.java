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

    /** lib/refcount.c: refcount_dec() reaching 0 is REFCOUNT_DEC_LEAK; refcount_warn_saturate() pins the count. */
    @Test
    void putToZeroSaturatesTheCountWithTheKernelsWarning() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        devPut(dev); // drops the registration's reference: no underflow yet
        assertThat(kernel.log().of(KernelMessage.Kind.MEMORY)).isEmpty();
        devPut(dev);
        assertThat(kernel.log().of(KernelMessage.Kind.MEMORY)).singleElement().extracting(KernelMessage::text)
                .asString().startsWith("refcount_t: decrement hit 0; leaking memory.\n")
                .contains("ReferencesTest.putToZeroSaturatesTheCountWithTheKernelsWarning");
        assertThat(dev.refcnt()).isEqualTo(-1073741824);
        devHold(dev);
        devPut(dev);
        assertThat(dev.refcnt()).as("a saturated count stays saturated").isEqualTo(-1073741824);
    }

    /** lib/refcount.c: REFCOUNT_SUB_UAF and REFCOUNT_ADD_OVF, each WARN_ONCE per boot. */
    @Test
    void saturationWarningsComeOncePerKindAsWarnOnce() {
        NetDevice a = TestKernels.registered(kernel, "eth0");
        NetDevice b = TestKernels.registered(kernel, "eth1");
        devPut(a);
        devPut(a); // decrement hit 0
        devPut(a); // underflow
        devHold(a); // saturated
        devPut(b);
        devPut(b); // decrement hit 0 again, on another device: WARN_ONCE already fired
        assertThat(kernel.log().of(KernelMessage.Kind.MEMORY)).extracting(m -> m.text().lines().findFirst().get())
                .containsExactly("refcount_t: decrement hit 0; leaking memory.", "refcount_t: underflow; use-after-free.",
                        "refcount_t: saturated; leaking memory.");
        assertThat(b.refcnt()).isEqualTo(-1073741824);
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
        // lib/ref_tracker.c ref_tracker_free(): pr_err() lines, each with the pr_fmt prefix, then WARN_ON_ONCE
        assertThat(report).startsWith("ref_tracker: reference already released.\nref_tracker: allocated in:\n")
                .contains("holdFromHere").contains("ref_tracker: freed in:").contains("releaseFromHere")
                .contains("WARNING: at lib/ref_tracker.c ref_tracker_free");
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

    /** lib/ref_tracker.c ref_tracker_dir_exit(): ref_tracker_dir_print_locked(dir, 16), then WARN_ON_ONCE(leak). */
    @Test
    void trackersLeftAtFreeAreReportedAsRefTrackerDirExitDoes() {
        NetDevice dev = TestKernels.alloc(kernel, "eth0");
        netdevHold(dev, new NetdevTracker());
        freeNetdev(dev);
        assertThat(kernel.log().of(KernelMessage.Kind.WARN)).singleElement().extracting(KernelMessage::text)
                .asString().containsPattern("^ref_tracker: netdev@ffff8880[0-9a-f]{8} has 1/1 users at\n")
                .contains("trackersLeftAtFreeAreReportedAsRefTrackerDirExitDoes")
                .contains("WARNING: at lib/ref_tracker.c ref_tracker_dir_exit");
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
