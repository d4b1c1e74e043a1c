package org.reftrace.inet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.inet.Addrconf.*;
import static org.reftrace.inet.Dst.*;
import static org.reftrace.inet.Inetdevice.*;
import static org.reftrace.inet.Neigh.*;
import static org.reftrace.inet.Nexthops.*;
import static org.reftrace.inet.Sk.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.reftrace.netdev.Dev;
import org.reftrace.netdev.FakeClock;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.KernelMessage;
import org.reftrace.netdev.NetDevice;

/**
 * Each IP stack object's reference semantics, as the kernel's: what it holds, who holds it, what the last put
 * frees and what that releases, and the refcount_t and KASAN reports of misuse.
 */
class InetObjectsTest {
    private final Kernel kernel = Kernel.boot(KernelConfig.defaults().withWaitEscape(Duration.ofSeconds(30)),
            new FakeClock(), null);
    private final NetDevice eth0 = registered("eth0");

    private NetDevice registered(String name) {
        NetDevice dev = Dev.allocNetdev(kernel.initNet(), name, null, null);
        assertThat(Dev.registerNetdev(dev)).isZero();
        return dev;
    }

    private java.util.List<String> reports(KernelMessage.Kind kind) {
        return kernel.log().of(kind).stream().map(KernelMessage::text).toList();
    }

    @Test
    void inDeviceHoldsItsDeviceUntilItsLastPutAfterItWasDestroyed() {
        InDevice inDev = inetdevInit(eth0);
        assertThat(eth0.refcnt()).isEqualTo(3);
        assertThat(inDevGet(eth0)).isSameAs(inDev);
        assertThat(inDev.refcnt()).isEqualTo(2);
        inDevPut(inDev);
        inetdevDestroy(inDev);
        assertThat(inDev.refcnt()).as("the ip_ptr reference goes after a grace period").isEqualTo(1);
        kernel.rcu().gracePeriod();
        assertThat(inDev.isFreed()).isTrue();
        assertThat(eth0.ipPtr()).isNull();
        assertThat(eth0.refcnt()).isEqualTo(2);
        assertThat(kernel.log().messages()).isEmpty();
    }

    @Test
    void theLastPutOfAnAliveInDeviceReleasesTheDeviceButKeepsTheMemory() {
        InDevice inDev = inetdevInit(eth0);
        inDevPut(inDev);
        assertThat(reports(KernelMessage.Kind.MESSAGE)).singleElement().asString()
                .isEqualTo("Freeing alive in_device in_device(eth0)");
        assertThat(inDev.isFreed()).isFalse();
        assertThat(eth0.refcnt()).isEqualTo(2);
    }

    @Test
    void aPlainDecrementToZeroWarnsAndLeaksTheDevice() {
        InDevice inDev = inetdevInit(eth0);
        __inDevPut(inDev);
        assertThat(reports(KernelMessage.Kind.WARN)).singleElement().asString()
                .startsWith("WARNING: refcount_t: decrement hit 0; leaking memory. __in_dev_put(in_device(eth0))")
                .contains("InetObjectsTest.aPlainDecrementToZeroWarnsAndLeaksTheDevice");
        assertThat(eth0.refcnt()).as("nothing destroyed it").isEqualTo(3);
    }

    @Test
    void getsAndPutsOfAFreedObjectAreUseAfterFreeAndPutsBelowZeroUnderflow() {
        InDevice inDev = inetdevInit(eth0);
        inetdevDestroy(inDev);
        kernel.rcu().gracePeriod();
        inDevHold(inDev);
        assertThat(reports(KernelMessage.Kind.MEMORY)).singleElement().asString()
                .startsWith("BUG: KASAN: use-after-free in in_dev_hold on in_device(eth0)");
        Inet6Dev idev = ipv6AddDev(eth0);
        __in6DevPut(idev);
        in6DevPut(idev);
        assertThat(reports(KernelMessage.Kind.MEMORY)).hasSize(2).last().asString()
                .startsWith("refcount_t: underflow; use-after-free. in6_dev_put(inet6_dev(eth0)) left refcnt -1");
    }

    @Test
    void anAddressHoldsItsInet6DevWhichHoldsTheDevice() {
        Inet6Dev idev = ipv6AddDev(eth0);
        Inet6Ifaddr ifa = ipv6AddAddr(idev, IpPrefix.parse("2001:db8::1/64", AddressFamily.INET6).orElseThrow());
        assertThat(ifa.refcnt()).as("the caller's and the address list's").isEqualTo(2);
        assertThat(idev.refcnt()).isEqualTo(2);
        in6IfaPut(ifa);
        Inet6Ifaddr found = ipv6GetIfaddr(kernel.initNet(), IpAddr.of("2001:db8::1"), null);
        assertThat(found).isSameAs(ifa);
        ipv6DelAddr(found);
        assertThat(ifa.refcnt()).isZero();
        assertThat(idev.refcnt()).isEqualTo(1);
        kernel.rcu().gracePeriod();
        assertThat(ifa.isFreed()).isTrue();
        addrconfIfdownUnregister(idev);
        kernel.rcu().gracePeriod();
        assertThat(idev.isFreed()).isTrue();
        assertThat(eth0.refcnt()).isEqualTo(2);
        assertThat(kernel.log().messages()).isEmpty();
    }

    @Test
    void anAddressPutToZeroWithoutBeingDeletedIsFreedAliveAndKeepsItsMemory() {
        Inet6Dev idev = ipv6AddDev(eth0);
        Inet6Ifaddr ifa = ipv6AddAddr(idev, IpPrefix.parse("2001:db8::1/64", AddressFamily.INET6).orElseThrow());
        in6IfaPut(ifa);
        in6IfaPut(ifa);
        assertThat(reports(KernelMessage.Kind.MESSAGE)).containsExactly(
                "Freeing alive inet6 address inet6_ifaddr(2001:db8::1/64 eth0)");
        assertThat(idev.refcnt()).as("the inet6_dev was still put").isEqualTo(1);
    }

    @Test
    void anIpv4AddressPutsItsInDeviceAfterAGracePeriodAndFreeingItTwiceIsADoubleFree() {
        InDevice inDev = inetdevInit(eth0);
        InIfaddr ifa = inetAllocIfa(inDev, IpPrefix.parse("10.0.0.1/24", AddressFamily.INET).orElseThrow());
        assertThat(inDev.refcnt()).isEqualTo(2);
        inetFreeIfa(ifa);
        inetFreeIfa(ifa);
        kernel.rcu().gracePeriod();
        assertThat(inDev.refcnt()).isEqualTo(1);
        assertThat(reports(KernelMessage.Kind.MEMORY)).singleElement().asString()
                .startsWith("BUG: KASAN: double-free in inet_rcu_free_ifa of in_ifaddr(10.0.0.1/24 eth0)");
    }

    @Test
    void aDstHoldsItsDeviceAndIsFreedAfterAGracePeriodOnceReleased() {
        Rtable rt = new Rtable(eth0, IpAddr.of("10.0.0.2"));
        assertThat(eth0.refcnt()).isEqualTo(3);
        dstHold(rt);
        dstRelease(rt);
        dstRelease(rt);
        assertThat(rt.refcnt()).isZero();
        assertThat(dstHoldSafe(rt)).as("dead: dst_hold_safe() fails quietly").isFalse();
        assertThat(rt.isFreed()).isFalse();
        kernel.rcu().gracePeriod();
        assertThat(rt.isFreed()).isTrue();
        assertThat(eth0.refcnt()).isEqualTo(2);
        assertThat(kernel.log().messages()).isEmpty();
        dstHold(rt);
        assertThat(reports(KernelMessage.Kind.MEMORY)).singleElement().asString()
                .startsWith("BUG: KASAN: use-after-free in dst_hold on dst(eth0)");
    }

    @Test
    void dstDevPutMovesTheDeviceReferenceToLoopback() {
        NetDevice lo = kernel.initNet().loopback();
        int loRefs = lo.refcnt();
        Rtable rt = new Rtable(eth0, IpAddr.of("10.0.0.2"));
        dstDevPut(rt);
        assertThat(rt.dev()).isSameAs(lo);
        assertThat(rt.obsolete()).isEqualTo(DstEntry.DST_OBSOLETE_DEAD);
        assertThat(eth0.refcnt()).isEqualTo(2);
        assertThat(lo.refcnt()).isEqualTo(loRefs + 1);
        dstReleaseImmediate(rt);
        assertThat(rt.isFreed()).isTrue();
        assertThat(lo.refcnt()).isEqualTo(loRefs);
    }

    @Test
    void anIpv6DstHoldsTheInet6DevAndFlushingMovesBothToLoopback() {
        ipv6AddDev(kernel.initNet().loopback());
        Inet6Dev idev = ipv6AddDev(eth0);
        Rt6Info rt = new Rt6Info(eth0, IpAddr.of("2001:db8::2"), false);
        assertThat(rt.idev()).isSameAs(idev);
        assertThat(idev.refcnt()).isEqualTo(2);
        UncachedList uncached = new UncachedList();
        uncached.add(rt);
        uncached.flushDev(eth0);
        assertThat(rt.dev()).isSameAs(kernel.initNet().loopback());
        assertThat(rt.idev().dev()).isSameAs(kernel.initNet().loopback());
        assertThat(idev.refcnt()).isEqualTo(1);
        dstRelease(rt);
        kernel.rcu().gracePeriod();
        assertThat(uncached.size()).as("a destroyed dst leaves the list").isZero();
    }

    @Test
    void aNexthopCannotBeTakenOnceItsLastReferenceIsGone() {
        Nexthop nh = new Nexthop(1, AddressFamily.INET, eth0, null, new UncachedList());
        assertThat(nexthopGet(nh)).isTrue();
        nexthopPut(nh);
        nexthopPut(nh);
        assertThat(nexthopGet(nh)).isFalse();
        kernel.rcu().gracePeriod();
        assertThat(nh.isFreed()).isTrue();
        assertThat(eth0.refcnt()).isEqualTo(2);
        assertThat(kernel.log().messages()).isEmpty();
    }

    @Test
    void aNeighbourKeepsItsDeviceUntilItsLastUserLetsGo() {
        NeighTable arp = new NeighTable("arp_cache", AddressFamily.INET);
        Neighbour n = neighCreate(arp, IpAddr.of("10.0.0.2"), eth0);
        assertThat(n.refcnt()).as("the table's and the caller's").isEqualTo(2);
        assertThat(neighLookup(arp, IpAddr.of("10.0.0.2"), eth0)).isSameAs(n);
        neighRelease(n);
        neighIfdown(arp, eth0);
        assertThat(arp.entries()).isEmpty();
        assertThat(n.isDead()).isTrue();
        assertThat(eth0.refcnt()).as("the user still holds the entry").isEqualTo(3);
        neighRelease(n);
        assertThat(eth0.refcnt()).isEqualTo(2);
        kernel.rcu().gracePeriod();
        assertThat(n.isFreed()).isTrue();
        assertThat(kernel.log().messages()).isEmpty();
    }

    @Test
    void destroyingAListedNeighbourIsRefused() {
        NeighTable arp = new NeighTable("arp_cache", AddressFamily.INET);
        Neighbour n = neighCreate(arp, IpAddr.of("10.0.0.2"), eth0);
        neighRelease(n);
        neighRelease(n); // the table's reference, dropped by someone who did not own it
        assertThat(reports(KernelMessage.Kind.WARN)).singleElement().asString()
                .startsWith("WARNING: Destroying alive neighbour neighbour(10.0.0.2 dev eth0)");
        assertThat(eth0.refcnt()).isEqualTo(3);
    }

    @Test
    void aSocketOwnsTheDstHandedToItAndReleasesItWhenFreed() {
        Sock sk = skAlloc(kernel.initNet(), AddressFamily.INET, "udp");
        Rtable rt = new Rtable(eth0, IpAddr.of("10.0.0.2"));
        skDstSet(sk, rt);
        assertThat(rt.refcnt()).as("the lookup's reference is the socket's now").isEqualTo(1);
        DstEntry got = skDstGet(sk);
        assertThat(got).isSameAs(rt);
        assertThat(rt.refcnt()).isEqualTo(2);
        dstRelease(got);
        sockHold(sk);
        sockOrphan(sk);
        sockPut(sk);
        assertThat(kernel.kmemleak()).extracting(Object::toString).contains("sock(udp) (closed, not yet freed)");
        sockPut(sk);
        assertThat(sk.isFreed()).isTrue();
        assertThat(kernel.kmemleak()).extracting(Object::toString).containsExactly("net_device eth0");
        kernel.rcu().gracePeriod();
        assertThat(rt.isFreed()).isTrue();
        assertThat(eth0.refcnt()).isEqualTo(2);
    }

    @Test
    void aReadOfAFreedDeviceIsAUseAfterFree() {
        NetDevice eth1 = registered("eth1");
        Dev.unregisterNetdev(eth1);
        Dev.freeNetdev(eth1);
        assertThat(eth1.isMemoryReleased()).isTrue();
        eth1.ifindex();
        eth1.isUp();
        assertThat(reports(KernelMessage.Kind.MEMORY)).singleElement().asString()
                .startsWith("BUG: KASAN: use-after-free in dev->ifindex: read of device eth1")
                .contains("InetObjectsTest.aReadOfAFreedDeviceIsAUseAfterFree");
    }

    @Test
    void timersAndWorkSayWhetherTheyWerePendingAndRunOnTheirOwnThreads() {
        TimerBase base = new TimerBase("ksoftirqd/7");
        String[] ranOn = new String[1];
        TimerList timer = new TimerList(base, "t", () -> ranOn[0] = Thread.currentThread().getName());
        assertThat(timer.modTimer(1)).isFalse();
        assertThat(timer.modTimer(2)).isTrue();
        assertThat(base.runTimers()).isEqualTo(1);
        assertThat(ranOn[0]).isEqualTo("ksoftirqd/7");
        assertThat(timer.delTimer()).isFalse();
        timer.modTimer(3);
        timer.expireRightAfterNextPendingCheck();
        assertThat(timer.timerPending()).as("the answer given before it fired").isTrue();
        assertThat(timer.timerPending()).isFalse();

        Workqueue wq = new Workqueue("test");
        DelayedWork work = new DelayedWork("w", () -> ranOn[0] = Thread.currentThread().getName());
        assertThat(wq.queueDelayedWork(work, 0)).isTrue();
        assertThat(wq.queueDelayedWork(work, 0)).isFalse();
        assertThat(wq.modDelayedWork(work, 0)).isTrue();
        assertThat(wq.cancelDelayedWork(work)).isTrue();
        assertThat(wq.modDelayedWork(work, 0)).isFalse();
        assertThat(wq.flush()).isEqualTo(1);
        assertThat(ranOn[0]).isEqualTo("kworker/u:test");
        assertThat(work.isPending()).isFalse();
    }

    @Test
    void addressesParseAndPrintAsIpDoes() {
        assertThat(IpAddr.of("2001:0db8:0:0:0:0:0:1")).hasToString("2001:db8::1");
        assertThat(IpAddr.of("::")).hasToString("::");
        assertThat(IpAddr.of("fe80::1:0:0:1")).hasToString("fe80::1:0:0:1");
        assertThat(IpAddr.of("2001:db8:0:1:0:0:0:1")).hasToString("2001:db8:0:1::1");
        assertThat(IpAddr.of("10.0.0.255")).hasToString("10.0.0.255");
        assertThat(IpAddr.parse("10.0.0.256")).isEmpty();
        assertThat(IpAddr.parse("1::2::3")).isEmpty();
        assertThat(IpAddr.parse("eth0")).isEmpty();
        IpPrefix p = IpPrefix.parse("10.1.2.3/16", AddressFamily.INET).orElseThrow();
        assertThat(p.network()).hasToString("10.1.0.0/16");
        assertThat(p.contains(IpAddr.of("10.1.200.1"))).isTrue();
        assertThat(p.contains(IpAddr.of("10.2.0.1"))).isFalse();
        assertThat(IpPrefix.parse("default", AddressFamily.INET6).orElseThrow()).hasToString("::/0");
        assertThat(IpPrefix.parse("2001:db8::/129", AddressFamily.INET6)).isEmpty();
        assertThat(IpPrefix.parse("2001:db8:1:2::5/64", AddressFamily.INET6).orElseThrow().network())
                .hasToString("2001:db8:1:2::/64");
    }
}
