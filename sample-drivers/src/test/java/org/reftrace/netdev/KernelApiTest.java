package org.reftrace.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernel API issue 16 adds, each test naming the kernel function it follows: workqueues
 * ({@code kernel/workqueue.c}), carrier and linkwatch ({@code net/sched/sch_generic.c}, {@code net/core/link_watch.c}),
 * upper/lower adjacency, address, MTU and name changes ({@code net/core/dev.c}) and the errno values with their
 * {@code strerror()} texts.
 */
class KernelApiTest {
    private final FakeClock clock = new FakeClock();
    private final Kernel kernel = TestKernels.boot(clock);

    /** {@code queue_work()}: false while already pending; {@code flush_workqueue()} waits for what was queued. */
    @Test
    void queueWorkRunsOnAKworkerOnceEvenIfQueuedTwice() {
        Workqueue wq = allocWorkqueue(kernel, "test", 0);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch gate = new CountDownLatch(1);
        WorkStruct work = new WorkStruct(w -> {
            await(gate);
            ran.add(Thread.currentThread().getName());
        });
        WorkStruct other = new WorkStruct(w -> ran.add("other"));
        assertThat(queueWork(wq, other)).isTrue();
        flushWorkqueue(wq);
        assertThat(ran).containsExactly("other");
        assertThat(queueWork(wq, work)).isTrue();
        waitUntil(() -> work.isBusy() && !work.isPending());
        assertThat(queueWork(wq, work)).as("running, not pending: may be queued again").isTrue();
        assertThat(queueWork(wq, work)).as("pending").isFalse();
        gate.countDown();
        flushWorkqueue(wq);
        assertThat(ran).hasSize(3).last().asString().startsWith("kworker/").endsWith("-test");
        destroyWorkqueue(wq);
    }

    /** {@code alloc_ordered_workqueue()}: one item at a time, in queueing order. */
    @Test
    void anOrderedWorkqueueRunsItsItemsOneAtATimeInOrder() {
        Workqueue wq = allocOrderedWorkqueue(kernel, "ordered");
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        int[] concurrent = {0, 0};
        for (int i = 0; i < 20; i++) {
            int n = i;
            queueWork(wq, new WorkStruct(w -> {
                synchronized (concurrent) {
                    concurrent[1] = Math.max(concurrent[1], ++concurrent[0]);
                }
                ran.add(n);
                synchronized (concurrent) {
                    concurrent[0]--;
                }
            }));
        }
        flushWorkqueue(wq);
        assertThat(ran).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(concurrent[1]).isEqualTo(1);
        destroyWorkqueue(wq);
    }

    /**
     * {@code queue_delayed_work()}, {@code mod_delayed_work()}, {@code cancel_delayed_work_sync()}: the timer
     * queues the work when model time reaches it; a modified delay replaces the old one; a cancelled work never runs.
     */
    @Test
    void delayedWorkRunsWhenItsTimerFiresAndCancelledWorkNever() {
        Workqueue wq = allocWorkqueue(kernel, "delayed", 0);
        List<Long> ranAt = Collections.synchronizedList(new ArrayList<>());
        DelayedWork dwork = new DelayedWork(d -> ranAt.add(clock.nanoTime() / 1_000_000L));
        assertThat(queueDelayedWork(wq, dwork, 100)).isTrue();
        assertThat(queueDelayedWork(wq, dwork, 50)).as("already pending: the first delay stands").isFalse();
        assertThat(modDelayedWork(wq, dwork, 300)).as("it was pending").isTrue();
        clock.advanceNanos(200_000_000L);
        flushWorkqueue(wq);
        assertThat(ranAt).isEmpty();
        clock.advanceNanos(100_000_000L);
        flushDelayedWork(dwork);
        assertThat(ranAt).containsExactly(300L);

        DelayedWork never = new DelayedWork(d -> ranAt.add(-1L));
        queueDelayedWork(wq, never, 100);
        assertThat(cancelDelayedWorkSync(never)).isTrue();
        assertThat(cancelDelayedWorkSync(never)).as("nothing left to cancel").isFalse();
        clock.advanceNanos(1_000_000_000L);
        flushWorkqueue(wq);
        assertThat(ranAt).containsExactly(300L);
        destroyWorkqueue(wq);
    }

    /** {@code cancel_work_sync()}: a running item is waited for; a pending one is taken off the list. */
    @Test
    void cancelWorkSyncWaitsForTheRunningItem() throws InterruptedException {
        Workqueue wq = allocOrderedWorkqueue(kernel, "cancel");
        CountDownLatch gate = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        WorkStruct slow = new WorkStruct(w -> {
            await(gate);
            ran.add("slow");
        });
        WorkStruct queuedBehind = new WorkStruct(w -> ran.add("behind"));
        queueWork(wq, slow);
        queueWork(wq, queuedBehind);
        waitUntil(() -> slow.isBusy() && !slow.isPending());
        assertThat(cancelWork(queuedBehind)).isTrue();
        Thread releaser = new Thread(() -> {
            sleepQuietly(50);
            gate.countDown();
        });
        releaser.start();
        cancelWorkSync(slow);
        assertThat(ran).containsExactly("slow");
        releaser.join();
        destroyWorkqueue(wq);
    }

    /**
     * {@code netif_carrier_on()}/{@code netif_carrier_off()} → {@code linkwatch_fire_event()} →
     * {@code linkwatch_do_dev()}: the operstate follows and {@code netdev_state_change()} sends {@code NETDEV_CHANGE}
     * for a running device; the pending event holds the device through {@code linkwatch_dev_tracker}.
     */
    @Test
    void carrierChangesReachTheChainAsNetdevChangeThroughLinkwatch() {
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        List<NetdevEvent> events = Collections.synchronizedList(new ArrayList<>());
        registerNetdeviceNotifier(kernel, (e, d) -> {
            if (d == dev && e == NetdevEvent.CHANGE) {
                events.add(e);
            }
            return 0;
        });
        int held = dev.refcnt(); // alloc_netdev's and dev_registered_tracker's
        rtnlLock(kernel);
        devOpen(dev);
        netifCarrierOff(dev);
        // linkwatch_event() takes rtnl, so while we hold it the event is surely still pending.
        assertThat(netifCarrierOk(dev)).isFalse();
        assertThat(dev.refcnt()).as("linkwatch_dev_tracker while the event is pending").isEqualTo(held + 1);
        rtnlUnlock(kernel);
        settleLinkwatch();
        assertThat(dev.operstate()).isEqualTo(OperState.DOWN);
        netifCarrierOn(dev);
        settleLinkwatch();
        assertThat(dev.operstate()).isEqualTo(OperState.UP);
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(dev.refcnt()).as("no linkwatch reference left").isEqualTo(held);
        unregisterNetdev(dev);
        assertThat(dev.regState()).isEqualTo(RegState.UNREGISTERED);
    }

    /**
     * {@code __netdev_upper_dev_link()}: each adjacency entry holds the device it points to; a device on itself or
     * a loop is {@code -EBUSY}, a link that exists {@code -EEXIST}, a second master {@code -EBUSY};
     * {@code NETDEV_PRECHANGEUPPER} may veto and {@code NETDEV_CHANGEUPPER} tells the chain; unlinking puts both.
     */
    @Test
    void upperLinksHoldBothDevicesAndRefuseLoopsDuplicatesAndASecondMaster() {
        NetDevice lower = TestKernels.registered(kernel, "eth0");
        NetDevice upper = TestKernels.registered(kernel, "bond0");
        NetDevice other = TestKernels.registered(kernel, "br0");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        registerNetdeviceNotifier(kernel, new NetdevNotifier() {
            @Override
            public int onEvent(NetdevEvent event, NetDevice dev) {
                return 0;
            }

            @Override
            public int onEvent(NetdevEvent event, NetDevice dev, NotifierInfo info) {
                if (info instanceof NotifierInfo.ChangeUpper cu) {
                    seen.add(event + " " + dev.name() + "->" + cu.upperDev().name() + (cu.linking() ? " link" : " unlink"));
                    if (event == NetdevEvent.PRECHANGEUPPER && cu.upperDev() == other && cu.linking()) {
                        return -Errno.EOPNOTSUPP;
                    }
                }
                return 0;
            }
        });
        rtnlLock(kernel);
        int before = lower.refcnt();
        assertThat(netdevMasterUpperDevLink(lower, upper, null, null)).isZero();
        assertThat(lower.refcnt()).isEqualTo(before + 1);
        assertThat(netdevMasterUpperDevGet(lower)).isSameAs(upper);
        assertThat(netdevMasterUpperDevLink(lower, upper, null, null)).isEqualTo(-Errno.EEXIST);
        assertThat(netdevUpperDevLink(upper, lower)).as("a loop").isEqualTo(-Errno.EBUSY);
        assertThat(netdevUpperDevLink(lower, lower)).isEqualTo(-Errno.EBUSY);
        assertThat(netdevMasterUpperDevLink(lower, other, null, null)).as("a second master").isEqualTo(-Errno.EBUSY);
        assertThat(netdevUpperDevLink(upper, other)).as("vetoed").isEqualTo(-Errno.EOPNOTSUPP);
        netdevUpperDevUnlink(lower, upper);
        rtnlUnlock(kernel);
        assertThat(lower.refcnt()).isEqualTo(before);
        assertThat(netdevHasAnyUpperDev(lower)).isFalse();
        assertThat(seen).containsExactly("PRECHANGEUPPER eth0->bond0 link", "CHANGEUPPER eth0->bond0 link",
                "PRECHANGEUPPER bond0->br0 link", "PRECHANGEUPPER eth0->bond0 unlink", "CHANGEUPPER eth0->bond0 unlink");
    }

    /**
     * {@code dev_set_mac_address()} ({@code NETDEV_PRE_CHANGEADDR}, then {@code NETDEV_CHANGEADDR}),
     * {@code dev_set_mtu()} ({@code dev_validate_mtu()}: {@code -EINVAL} outside min/max; {@code NETDEV_CHANGEMTU})
     * and {@code dev_change_name()} ({@code -EBUSY} while running, {@code -EEXIST} for a taken name,
     * {@code NETDEV_CHANGENAME}).
     */
    @Test
    void addressMtuAndNameChangesAreCheckedAndAnnounced() {
        NetDevice dev = allocNetdev(kernel.initNet(), "eth0", null, d -> {
            etherSetup(d);
            d.setNetdevOps(new NetdevOps() {
                @Override
                public int ndoSetMacAddress(NetDevice self, MacAddress addr) {
                    return ethMacAddr(self, addr); // eth_mac_addr(), as most Ethernet drivers
                }
            });
        });
        ethHwAddrRandom(dev);
        registerNetdev(dev);
        TestKernels.registered(kernel, "eth1");
        List<NetdevEvent> events = Collections.synchronizedList(new ArrayList<>());
        registerNetdeviceNotifier(kernel, (e, d) -> {
            if (d == dev && e != NetdevEvent.REGISTER) {
                events.add(e);
            }
            return 0;
        });
        assertThat(dev.addrAssignType()).isEqualTo(AddrAssignType.RANDOM);
        MacAddress mac = MacAddress.parse("52:54:00:3b:7c:a6");
        rtnlLock(kernel);
        assertThat(devSetMacAddress(dev, MacAddress.BROADCAST)).isEqualTo(-Errno.EADDRNOTAVAIL);
        assertThat(devSetMacAddress(dev, mac)).isZero();
        assertThat(dev.devAddr()).isEqualTo(mac);
        assertThat(dev.addrAssignType()).isEqualTo(AddrAssignType.SET);
        assertThat(devSetMtu(dev, 1501)).as("ether_setup()'s max_mtu is ETH_DATA_LEN").isEqualTo(-Errno.EINVAL);
        assertThat(devSetMtu(dev, 67)).as("below ETH_MIN_MTU").isEqualTo(-Errno.EINVAL);
        assertThat(devSetMtu(dev, 1400)).isZero();
        assertThat(devChangeName(dev, "eth1")).isEqualTo(-Errno.EEXIST);
        devOpen(dev);
        assertThat(devChangeName(dev, "lan0")).isEqualTo(-Errno.EBUSY);
        devClose(dev);
        assertThat(devChangeName(dev, "lan0")).isZero();
        rtnlUnlock(kernel);
        assertThat(dev.name()).isEqualTo("lan0");
        assertThat(dev.mtu()).isEqualTo(1400);
        assertThat(events).containsSubsequence(NetdevEvent.PRE_CHANGEADDR, NetdevEvent.CHANGEADDR,
                NetdevEvent.PRECHANGEMTU, NetdevEvent.CHANGEMTU, NetdevEvent.CHANGENAME);
    }

    /**
     * {@code netdev_name_node_alt_create()}: an alternative name is found by name lookups and is unique in its
     * namespace; {@code __dev_change_net_namespace()} refuses a move when one is taken there ("Check that none of
     * the altnames conflicts."); {@code dev_index_reserve()} gives a device the ifindex it asked for, or -EBUSY.
     */
    @Test
    void alternativeNamesAndARequestedIfindex() {
        Net other = netnsAdd(kernel, "other");
        NetDevice dev = TestKernels.registered(kernel, "eth0");
        NetDevice there = allocNetdev(other, "eth0", null, null);
        registerNetdev(there);
        rtnlLock(kernel);
        assertThat(netdevNameNodeAltCreate(dev, "uplink-with-a-long-name")).isZero();
        assertThat(netdevNameNodeAltCreate(dev, "eth0")).isEqualTo(-Errno.EEXIST);
        assertThat(__devGetByName(kernel.initNet(), "uplink-with-a-long-name")).isSameAs(dev);
        assertThat(netdevNameNodeAltCreate(there, "uplink-with-a-long-name")).as("another namespace").isZero();
        assertThat(devChangeNetNamespace(dev, other, "dev%d")).as("the altname is taken there")
                .isEqualTo(-Errno.EEXIST);
        assertThat(netdevNameNodeAltDestroy(there, "uplink-with-a-long-name")).isZero();
        assertThat(devChangeNetNamespace(dev, other, "dev%d")).isZero();
        assertThat(dev.name()).isEqualTo("dev0");
        assertThat(__devGetByName(other, "uplink-with-a-long-name")).isSameAs(dev);
        assertThat(__devGetByName(kernel.initNet(), "uplink-with-a-long-name")).isNull();
        assertThat(netdevNameNodeAltDestroy(dev, "dev0")).as("its own name").isEqualTo(-Errno.EINVAL);
        assertThat(netdevNameNodeAltDestroy(dev, "nosuch")).isEqualTo(-Errno.ENOENT);
        rtnlUnlock(kernel);

        NetDevice asked = allocNetdev(kernel.initNet(), "eth1", null, null);
        asked.ifindex = 100;
        assertThat(registerNetdev(asked)).isZero();
        assertThat(asked.ifindex()).isEqualTo(100);
        NetDevice clash = allocNetdev(kernel.initNet(), "eth2", null, null);
        clash.ifindex = 100;
        assertThat(registerNetdev(clash)).isEqualTo(-Errno.EBUSY);
        freeNetdev(clash);
    }

    /** {@code include/uapi/asm-generic/errno*.h} and glibc's {@code strerror()}: the values iproute2 prints. */
    @Test
    void errnoValuesAndTheirTexts() {
        assertThat(List.of(Errno.EAGAIN, Errno.EADDRINUSE, Errno.EADDRNOTAVAIL, Errno.ENETDOWN, Errno.EBUSY,
                Errno.EEXIST, Errno.ENODEV)).containsExactly(11, 98, 99, 100, 16, 17, 19);
        assertThat(Errno.strerror(Errno.ENODEV)).isEqualTo("No such device");
        assertThat(Errno.strerror(Errno.EADDRNOTAVAIL)).isEqualTo("Cannot assign requested address");
        assertThat(Errno.strerror(Errno.ENETDOWN)).isEqualTo("Network is down");
    }

    private void settleLinkwatch() {
        for (int i = 0; i < 5; i++) {
            clock.advanceNanos(1_100_000_000L); // linkwatch's delay for a non-urgent event is up to 1 s
            kernel.quiesce();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            sleepQuietly(1);
        }
    }
}
