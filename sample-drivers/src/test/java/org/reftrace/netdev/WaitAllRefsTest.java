package org.reftrace.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.netdev.Dev.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** netdev_wait_all_refs: its cadence on the fake clock, completion order, and the model's escape. */
class WaitAllRefsTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void waitRebroadcastsUnregisterEverySecondAndWarnsEveryTenSeconds() {
        Kernel kernel = TestKernels.boot(clock);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        List<Long> rebroadcasts = new ArrayList<>();
        registerNetdeviceNotifier(kernel, (event, d) -> {
            if (event == NetdevEvent.UNREGISTER && d == dev) {
                rebroadcasts.add(clock.nanoTime() / 1_000_000L);
            }
            return 0;
        });
        devHold(dev);
        clock.at(25.5, () -> devPut(dev));
        unregisterNetdev(dev);

        // the first UNREGISTER comes from unregister itself at t=0; then the wait re-sends it as soon as more
        // than a second has passed, which, polled every 250 ms, is every 1.0 to 1.25 s
        assertThat(rebroadcasts.get(0)).isZero();
        for (int i = 2; i < rebroadcasts.size(); i++) {
            assertThat(rebroadcasts.get(i) - rebroadcasts.get(i - 1)).isBetween(1_000L, 1_250L);
        }
        assertThat(rebroadcasts).hasSizeBetween(20, 26);
        List<KernelMessage> warnings = kernel.log().containing("waiting for eth0 to become free");
        assertThat(warnings).extracting(m -> m.timeNanos() / 1_000_000_000L).containsExactly(10L, 20L);
        assertThat(warnings.get(0).text())
                .isEqualTo("unregister_netdevice: waiting for eth0 to become free. Usage count = 2");
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
    }

    @Test
    void warningIntervalFollowsTheSysctl() {
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withUnregisterTimeoutSecs(3), clock, null);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        devHold(dev);
        clock.at(10, () -> devPut(dev));
        unregisterNetdev(dev);
        assertThat(kernel.log().containing("waiting for eth0")).extracting(m -> m.timeNanos() / 1_000_000_000L)
                .containsExactly(3L, 6L, 9L);
    }

    @Test
    void backOffDoublesFromOneMillisecondUpTo250() {
        Kernel kernel = TestKernels.boot(clock);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        devHold(dev);
        List<Long> sleeps = new ArrayList<>();
        Clock recording = new Clock() {
            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public void sleepMillis(long millis) {
                sleeps.add(millis);
                if (sleeps.size() == 12) {
                    devPut(dev);
                }
                clock.sleepMillis(millis);
            }
        };
        Kernel timed = Kernel.boot(KernelConfig.defaults(), recording, null);
        NetDevice other = TestKernels.registered(timed, "eth0");
        devHold(other);
        sleeps.clear();
        clock.at(0.8, () -> devPut(other));
        unregisterNetdev(other);
        assertThat(sleeps).startsWith(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 250L, 250L);
    }

    @Test
    void trackerReportFollowsTheWarningWithHolderStacks() {
        Kernel kernel = TestKernels.boot(clock);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        NetdevTracker first = new NetdevTracker();
        NetdevTracker second = new NetdevTracker();
        holdTwiceFromOnePlace(dev, first, second);
        clock.at(11, () -> {
            netdevPut(dev, first);
            netdevPut(dev, second);
        });
        unregisterNetdev(dev);
        String warning = kernel.log().containing("waiting for eth0").get(0).text();
        assertThat(warning).contains("Usage count = 3")
                // the directory is named "netdev" (alloc_netdev_mqs: ref_tracker_dir_init(..., "netdev")), not eth0
                .containsPattern("ref_tracker: netdev@ffff8880[0-9a-f]{8} has 2/2 users at")
                .contains("WaitAllRefsTest.holdTwiceFromOnePlace");
    }

    private static void holdTwiceFromOnePlace(NetDevice dev, NetdevTracker... trackers) {
        for (NetdevTracker tracker : trackers) {
            netdevHold(dev, tracker);
        }
    }

    @Test
    void outOfOrderCompletionFreesStackedDevicesWhoseUpperReleasesInItsDestructor() {
        Kernel kernel = TestKernels.boot(clock);
        stackedDevicesReleasingLowerInDestructor(kernel);
        assertThat(kernel.initNet().devices()).extracting(NetDevice::name).containsExactly("lo");
        assertThat(kernel.log().containing("waiting for")).isEmpty();
        assertThat(kernel.hangs()).isEmpty();
    }

    @Test
    void inOrderCompletionHangsStackedDevicesWhoseUpperReleasesInItsDestructor() {
        Kernel kernel = TestKernels.bootWithEscape(clock, Duration.ofSeconds(35), Quirk.IN_ORDER_COMPLETION);
        NetDevice lower = stackedDevicesReleasingLowerInDestructor(kernel);
        assertThat(kernel.log().containing("waiting for lower0 to become free. Usage count = 2")).hasSize(3);
        assertThat(kernel.hangs()).extracting(WaitHang::device).contains("lower0");
        assertThat(lower.regState()).isEqualTo(RegState.UNREGISTERED);
        assertThat(lower.isMemoryReleased()).isFalse();
    }

    /** lower0 and upper0 (which holds lower0 until its priv_destructor) unregistered in one batch. */
    private NetDevice stackedDevicesReleasingLowerInDestructor(Kernel kernel) {
        NetDevice lower = TestKernels.registered(kernel, "lower0");
        NetDevice upper = allocNetdev(kernel.initNet(), "upper0", null, d -> d.setNeedsFreeNetdev(true));
        devHold(lower);
        upper.setPrivDestructor(d -> devPut(lower));
        registerNetdev(upper);
        rtnlLock(kernel);
        List<NetDevice> batch = new ArrayList<>(List.of(lower, upper));
        unregisterNetdeviceMany(batch);
        rtnlUnlock(kernel);
        return lower;
    }

    @Test
    void escapeGivesUpRecordsTheHangAndLeavesTheDeviceUndestroyed() {
        Kernel kernel = TestKernels.bootWithEscape(clock, Duration.ofSeconds(15));
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        List<String> destructed = new ArrayList<>();
        dev.setPrivDestructor(d -> destructed.add(d.name()));
        devHold(dev);
        unregisterNetdev(dev);
        assertThat(kernel.hangs()).singleElement().satisfies(hang -> {
            assertThat(hang.device()).isEqualTo("eth0");
            assertThat(hang.usageCount()).isEqualTo(2);
            assertThat(hang.waitedNanos()).isBetween(15_000_000_000L, 16_000_000_000L);
        });
        assertThat(destructed).isEmpty();
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
        assertThat(kernel.log().containing("model-only escape")).hasSize(1);
    }

    @Test
    void rebroadcastLetsAnIdempotentNotifierDropItsReference() {
        Kernel kernel = TestKernels.boot(clock);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        devHold(dev);
        boolean[] held = {true};
        registerNetdeviceNotifier(kernel, (event, d) -> {
            // a holder that only notices on the second UNREGISTER (the first rebroadcast)
            if (event == NetdevEvent.UNREGISTER && d == dev && clock.nanoTime() > 0 && held[0]) {
                held[0] = false;
                devPut(d);
            }
            return 0;
        });
        unregisterNetdev(dev);
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
        assertThat(clock.nanoTime()).isBetween(1_000_000_000L, 2_000_000_000L);
    }

    /**
     * net/core/link_watch.c: linkwatch_add_event() holds the device through dev->linkwatch_dev_tracker; events are
     * batched at most once a second (linkwatch_nextevent); netdev_run_todo() runs a dying device's pending event
     * (linkwatch_sync_dev()), so it never hangs the wait.
     */
    @Test
    void aPendingLinkwatchEventHoldsTheDeviceThroughItsTrackerUntilTheTodoRunnerRunsIt() {
        Kernel kernel = TestKernels.boot(clock);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        netifCarrierOff(dev); // the first event is handled at once, on the events_unbound kworker
        flushWorkqueue(kernel.systemUnboundWq());
        assertThat(kernel.linkwatch().eventsRun()).isEqualTo(1);
        assertThat(dev.refcnt()).isEqualTo(2);
        netifCarrierOn(dev); // the next waits for linkwatch_nextevent, a second away, and holds eth0 meanwhile
        assertThat(dev.refcnt()).isEqualTo(3);
        assertThat(dev.trackedRefs()).as("the registration's and linkwatch_dev_tracker").isEqualTo(2);
        unregisterNetdev(dev);
        assertThat(kernel.linkwatch().eventsRun()).isEqualTo(2);
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
        assertThat(kernel.log().containing("waiting for")).isEmpty();
    }

    @Test
    void aWaitThatWarnsForeverKeepsOnlyTheNewestMessages() {
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withUnregisterTimeoutSecs(1)
                .withWaitEscape(Duration.ofSeconds(KernelLog.CAPACITY * 2L)), clock, null);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        devHold(dev);
        unregisterNetdev(dev);
        assertThat(kernel.log().messages()).hasSize(KernelLog.CAPACITY);
        assertThat(kernel.log().dropped()).isGreaterThan(0);
        assertThat(kernel.hangs()).hasSize(1);
    }
}
