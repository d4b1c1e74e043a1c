package org.reftrace.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The fidelity fixes of issue 16, each against the kernel function it follows (net/core/dev.c of v6.18 unless
 * said otherwise). The others are tested where their subject is: the refcount texts and ref_tracker's report in
 * {@link ReferencesTest}, linkwatch's tracker in {@link WaitAllRefsTest}, vlan's netns move and
 * {@code cleanup_net()} on a kworker in the replay's tests.
 */
class FidelityTest {
    private static final long SECOND = 1_000_000_000L;

    /**
     * {@code netdev_wait_allrefs_any()}: {@code pr_emerg("unregister_netdevice: waiting for %s to become free...")}
     * every {@code netdev_unregister_timeout_secs}, to the nanosecond on the fake clock: 10 s, 20 s, 30 s after the
     * wait began, not 10.25 s, 20.5 s as a deadline taken from the poll that noticed it would drift.
     */
    @Test
    void warningsComeExactlyEveryTimeoutOnTheFakeClock() {
        FakeClock clock = new FakeClock();
        Kernel kernel = TestKernels.boot(clock);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        devHold(dev);
        clock.at(35.3, () -> devPut(dev));
        unregisterNetdev(dev);
        assertThat(kernel.log().containing("waiting for eth0 to become free")).extracting(KernelMessage::timeNanos)
                .containsExactly(10 * SECOND, 20 * SECOND, 30 * SECOND);

        FakeClock clock7 = new FakeClock();
        Kernel seven = Kernel.boot(KernelConfig.defaults().withUnregisterTimeoutSecs(7), clock7, null);
        NetDevice dev7 = TestKernels.registered(seven, "eth0");
        devHold(dev7);
        clock7.at(22, () -> devPut(dev7));
        unregisterNetdev(dev7);
        assertThat(seven.log().containing("waiting for eth0")).extracting(KernelMessage::timeNanos)
                .containsExactly(7 * SECOND, 14 * SECOND, 21 * SECOND);
    }

    /**
     * The same on the scaled clock (20 times faster than real time, on a loaded machine): each warning is stamped
     * when it is printed, never before its deadline, and a late one does not push the next: the k-th warning
     * belongs to the k-th deadline, k x 10 s after the wait began, however late the one before it was.
     */
    @Test
    void warningsKeepTheCadenceOnTheScaledClock() throws InterruptedException {
        ScaledClock clock = new ScaledClock(20);
        Kernel kernel = Kernel.boot(KernelConfig.defaults(), clock, null);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        devHold(dev);
        long start = clock.nanoTime();
        Thread releaser = new Thread(() -> {
            try {
                clock.sleepMillis(45_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            devPut(dev);
        });
        releaser.start();
        unregisterNetdev(dev);
        releaser.join();
        List<KernelMessage> warnings = kernel.log().containing("waiting for eth0 to become free");
        List<Long> late = new ArrayList<>();
        for (int k = 0; k < warnings.size(); k++) {
            late.add(warnings.get(k).timeNanos() - start - (k + 1) * 10 * SECOND);
        }
        assertThat(warnings).as("one per deadline before the release at 45 s").hasSizeBetween(3, 4);
        assertThat(late).as("nanoseconds after each deadline").allSatisfy(l -> assertThat(l).isBetween(0L, 9 * SECOND));
        assertThat(late).as("printed within 2 s (100 ms of wall time) of the deadline, but on a stalled machine")
                .filteredOn(l -> l < 2 * SECOND).isNotEmpty();
    }

    /**
     * {@code netdev_wait_allrefs_any()} as of cd42ba1c8ac9 (6.x) runs {@code rcu_barrier()} on every pass, so a
     * reference that a notifier drops through {@code call_rcu()} on the second rebroadcast is gone by the next
     * pass; with the barrier on the first pass only it would stay queued and the wait would hang.
     */
    @Test
    void rcuBarrierRunsOnEveryPassOfTheWait() {
        FakeClock clock = new FakeClock();
        Kernel kernel = TestKernels.boot(clock);
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        AtomicInteger broadcasts = new AtomicInteger();
        long[] queuedAt = new long[1];
        registerNetdeviceNotifier(kernel, (event, d) -> {
            if (event == NetdevEvent.UNREGISTER && d == dev && broadcasts.incrementAndGet() == 3) {
                queuedAt[0] = clock.nanoTime();
                kernel.rcu().callRcu(() -> devPut(dev)); // the second rebroadcast drops it after a grace period
            }
            return 0;
        });
        devHold(dev);
        unregisterNetdev(dev);
        assertThat(queuedAt[0]).as("queued by the second rebroadcast, after the first pass").isGreaterThan(SECOND);
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
        assertThat(clock.nanoTime() - queuedAt[0]).as("freed on the next pass").isLessThan(SECOND);
        assertThat(kernel.log().containing("waiting for eth0")).isEmpty();
        assertThat(kernel.rcu().pendingCallbacks()).isZero();
    }

    /**
     * {@code unregister_netdevice_many_notify()}: {@code NETDEV_UNREGISTER}, then {@code NETDEV_PRE_UNINIT}, then
     * {@code ndo_uninit()}, all before {@code netdev_run_todo()}'s wait.
     */
    @Test
    void preUninitComesBetweenUnregisterAndNdoUninit() {
        Kernel kernel = TestKernels.boot(new FakeClock());
        List<String> order = new ArrayList<>();
        NetDevice dev = allocNetdev(kernel.initNet(), "eth0", null, d -> d.setNetdevOps(new NetdevOps() {
            @Override
            public void ndoUninit(NetDevice self) {
                order.add("ndo_uninit");
            }
        }));
        registerNetdev(dev);
        registerNetdeviceNotifier(kernel, (event, d) -> {
            if (d == dev && (event == NetdevEvent.UNREGISTER || event == NetdevEvent.PRE_UNINIT)) {
                order.add(event.name());
            }
            return 0;
        });
        order.clear();
        unregisterNetdev(dev);
        assertThat(order).startsWith("UNREGISTER", "PRE_UNINIT", "ndo_uninit");
    }
}
