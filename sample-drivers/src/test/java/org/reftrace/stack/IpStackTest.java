package org.reftrace.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.netdev.Dev.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.reftrace.drivers.Dummy;
import org.reftrace.inet.DstEntry;
import org.reftrace.inet.InDevice;
import org.reftrace.inet.Inet6Dev;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.Nexthop;
import org.reftrace.inet.Dst;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.FakeClock;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.KernelMessage;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.RegState;

/**
 * The rtnetlink entry points ({@code ip addr}, {@code ip route}, {@code ip nexthop}, {@code ip neigh}) answer
 * as the kernel's handlers do, and what they make lets go of its device when the device goes. Command lines
 * follow iproute2's (the replay track feeds these from reproducer scripts).
 */
class IpStackTest {
    private final FakeClock clock = new FakeClock();
    private final Kernel kernel = Kernel.boot(KernelConfig.defaults().withWaitEscape(Duration.ofSeconds(30)), clock,
            null);
    private final Net net = kernel.initNet();
    private final IpStack ip = new IpStack();

    IpStackTest() {
        new Dummy().init(kernel);
        assertThat(ip.init(kernel)).isZero();
    }

    private NetDevice link(String name, boolean up) {
        assertThat(rtnlNewlink(net, "dummy", LinkAttrs.named(name))).isZero();
        NetDevice dev = device(name);
        if (up) {
            rtnlLock(kernel);
            try {
                assertThat(devOpen(dev)).isZero();
            } finally {
                rtnlUnlock(kernel);
            }
        }
        return dev;
    }

    private NetDevice device(String name) {
        rtnlLock(kernel);
        try {
            return __devGetByName(net, name);
        } finally {
            rtnlUnlock(kernel);
        }
    }

    private void assertClean() {
        assertThat(kernel.hangs()).isEmpty();
        assertThat(kernel.log().messages()).filteredOn(m -> m.kind() != KernelMessage.Kind.MESSAGE).isEmpty();
    }

    @Test
    void ipv4AddressesAnswerAsTheKernelDoes() {
        NetDevice dummy0 = link("dummy0", false);
        InDevice inDev = ip.inet().inDevGet(dummy0);
        assertThat(inDev.refcnt()).isEqualTo(1);
        assertThat(ip.ipAddrAdd(net, "10.0.0.1/24", "dummy0")).isZero();
        assertThat(ip.ipAddrAdd(net, "10.0.0.1/24", "dummy0")).isEqualTo(-Errno.EEXIST);
        assertThat(ip.ipAddrAdd(net, "10.0.0.1/24", "nope0")).isEqualTo(-Errno.ENODEV);
        assertThat(ip.ipAddrAdd(net, "10.0.0.300/24", "dummy0")).isEqualTo(-Errno.EINVAL);
        assertThat(inDev.refcnt()).as("the address holds its in_device").isEqualTo(2);
        assertThat(ip.ipAddrDel(net, "10.0.0.1/24", "dummy0")).isZero();
        assertThat(ip.ipAddrDel(net, "10.0.0.1/24", "dummy0")).isEqualTo(-Errno.EADDRNOTAVAIL);
        kernel.rcu().gracePeriod(); // inet_rcu_free_ifa()
        assertThat(inDev.refcnt()).isEqualTo(1);
        assertThat(rtnlDellink(net, "dummy0")).isZero();
        assertThat(inDev.isFreed()).isTrue();
        assertThat(dummy0.regState()).isEqualTo(RegState.RELEASED);
        assertClean();
    }

    @Test
    void deletingAPrimaryDeletesOrPromotesItsSecondaries() {
        link("dummy0", true);
        assertThat(ip.ipAddrAdd(net, "10.0.0.1/24", "dummy0")).isZero();
        assertThat(ip.ipAddrAdd(net, "10.0.0.2/24", "dummy0")).isZero();
        InDevice inDev = ip.inet().inDevGet(device("dummy0"));
        assertThat(inDev.addresses()).extracting(a -> a.isSecondary()).containsExactly(false, true);
        assertThat(ip.ipAddrDel(net, "10.0.0.1/24", "dummy0")).isZero();
        assertThat(inDev.addresses()).as("without promote_secondaries the secondary goes too").isEmpty();

        assertThat(ip.inet().setPromoteSecondaries(net, "dummy0", true)).isZero();
        assertThat(ip.ipAddrAdd(net, "10.0.0.1/24", "dummy0")).isZero();
        assertThat(ip.ipAddrAdd(net, "10.0.0.2/24", "dummy0")).isZero();
        assertThat(ip.ipAddrDel(net, "10.0.0.1/24", "dummy0")).isZero();
        assertThat(inDev.addresses()).singleElement().satisfies(a -> {
            assertThat(a.local().toString()).isEqualTo("10.0.0.2/24");
            assertThat(a.isSecondary()).isFalse();
        });
        assertThat(ip.fib().routes(net)).extracting(r -> r.dst().toString()).containsExactly("10.0.0.0/24");
        assertThat(rtnlDellink(net, "dummy0")).isZero();
        assertClean();
    }

    @Test
    void ipv4RoutesCheckDeviceAndGatewayAndHoldTheDevice() {
        NetDevice dummy0 = link("dummy0", true);
        assertThat(ip.ipAddrAdd(net, "10.1.0.1/24", "dummy0")).isZero();
        int base = dummy0.refcnt();
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("10.9.0.0/16").via("10.1.0.2").dev("dummy0"), false)).isZero();
        assertThat(dummy0.refcnt()).as("the route's fib_info holds the device").isEqualTo(base + 1);
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("10.9.0.0/16").via("10.1.0.2"), false))
                .isEqualTo(-Errno.EEXIST);
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("10.8.0.0/16").via("192.168.0.1").dev("dummy0"), false))
                .isEqualTo(-Errno.ENETUNREACH);
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("10.8.0.1/16").dev("dummy0"), false))
                .as("host bits set").isEqualTo(-Errno.EINVAL);
        link("dummy1", false);
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("10.7.0.0/16").dev("dummy1"), false))
                .isEqualTo(-Errno.ENETDOWN);
        DstEntry dst = ip.fib().ipRouteOutputKey(net, IpAddr.of("10.9.1.1"));
        assertThat(dst.dev()).isSameAs(dummy0);
        Dst.dstRelease(dst);
        assertThat(ip.ipRouteDel(net, RouteRequest.to("10.9.0.0/16"), false)).isZero();
        assertThat(ip.ipRouteDel(net, RouteRequest.to("10.9.0.0/16"), false)).isEqualTo(-Errno.ESRCH);
        assertThat(rtnlDellink(net, "dummy0")).isZero();
        assertThat(rtnlDellink(net, "dummy1")).isZero();
        assertThat(dummy0.regState()).isEqualTo(RegState.RELEASED);
        assertClean();
    }

    @Test
    void routesThroughANexthopObjectPinItUntilTheyGo() {
        NetDevice dummy0 = link("dummy0", true);
        assertThat(ip.ipAddrAdd(net, "10.1.0.1/24", "dummy0")).isZero();
        assertThat(ip.nexthops().rtmNewNexthop(net, NexthopRequest.id(1, "dummy0").via("10.1.0.2"))).isZero();
        assertThat(ip.nexthops().rtmNewNexthop(net, NexthopRequest.id(1, "dummy0"))).isEqualTo(-Errno.EEXIST);
        assertThat(ip.nexthops().rtmNewNexthop(net, NexthopRequest.id(2, "nope0"))).isEqualTo(-Errno.ENODEV);
        assertThat(ip.nexthops().rtmNewNexthop(net, NexthopRequest.id(3, "dummy0").via("10.2.0.1")))
                .isEqualTo(-Errno.ENETUNREACH);
        Nexthop nh = ip.nexthops().nexthopFindById(net, 1);
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("10.9.0.0/16").nhid(1), false)).isZero();
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("10.8.0.0/16").nhid(7), false)).isEqualTo(-Errno.EINVAL);
        assertThat(nh.refcnt()).as("the tree's reference and the route's").isEqualTo(2);
        assertThat(ip.nexthops().rtmDelNexthop(net, 1)).isZero();
        assertThat(ip.fib().routes(net)).extracting(r -> r.dst().toString()).containsExactly("10.1.0.0/24");
        kernel.rcu().gracePeriod();
        assertThat(nh.isFreed()).isTrue();
        assertThat(ip.nexthops().rtmDelNexthop(net, 1)).isEqualTo(-Errno.ENOENT);
        assertThat(rtnlDellink(net, "dummy0")).isZero();
        assertThat(dummy0.regState()).isEqualTo(RegState.RELEASED);
        assertClean();
    }

    @Test
    void ipv6AddressesRoutesAndNexthopsLetGoWhenTheDeviceGoes() {
        NetDevice dummy0 = link("dummy0", true);
        Inet6Dev idev = org.reftrace.inet.Addrconf.__in6DevGet(dummy0);
        assertThat(ip.ipAddrAdd(net, "2001:db8:1::1/64", "dummy0")).isZero();
        assertThat(ip.ipAddrAdd(net, "2001:db8:1::1/64", "dummy0")).isEqualTo(-Errno.EEXIST);
        assertThat(idev.addresses()).singleElement().satisfies(a -> assertThat(a.isTentative()).isFalse());
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("2001:db8:9::/48").via("2001:db8:1::2").dev("dummy0"), true))
                .isZero();
        assertThat(ip.nexthops().rtmNewNexthop(net, NexthopRequest.id(6, "dummy0").via("2001:db8:1::3"))).isZero();
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("2001:db8:8::/48").nhid(6), true)).isZero();
        assertThat(ip.ipRouteAdd(net, RouteRequest.to("2001:db8:7::/48").from("2001:db8:5::/64").nhid(6), true))
                .as("nexthops can not be used with source routing").isEqualTo(-Errno.EINVAL);
        assertThat(ip.nexthops().nexthopFindById(net, 6).refcnt()).isEqualTo(2);
        DstEntry dst = ip.ip6Route().ip6RouteOutput(net, IpAddr.of("2001:db8:8::1"));
        assertThat(dst.dev()).isSameAs(dummy0);
        Dst.dstRelease(dst);
        assertThat(ip.ipAddrDel(net, "2001:db8:1::1/64", "dummy0")).isZero();
        assertThat(ip.ipAddrDel(net, "2001:db8:1::1/64", "dummy0")).isEqualTo(-Errno.EADDRNOTAVAIL);
        assertThat(rtnlDellink(net, "dummy0")).isZero();
        kernel.rcu().gracePeriod(); // in6_dev_finish_destroy_rcu()
        assertThat(idev.isFreed()).as(idev + " " + dummy0 + " " + kernel.log().messages()).isTrue();
        assertThat(dummy0.regState()).isEqualTo(RegState.RELEASED);
        assertClean();
    }

    @Test
    void neighboursAreAddedAndDeleted() {
        link("dummy0", true);
        NeighbourTable neigh = ip.neigh();
        assertThat(neigh.neighAdd(net, "10.0.0.2", "02:00:00:00:00:02", "dummy0")).isZero();
        assertThat(neigh.neighAdd(net, "10.0.0.2", "02:00:00:00:00:02", "dummy0")).isEqualTo(-Errno.EEXIST);
        assertThat(neigh.neighAdd(net, "2001:db8::2", "02:00:00:00:00:02", "dummy0")).isZero();
        assertThat(neigh.arpTbl().entries()).singleElement().satisfies(n -> assertThat(n.refcnt()).isEqualTo(1));
        assertThat(neigh.neighDelete(net, "10.0.0.2", "dummy0")).isZero();
        assertThat(neigh.neighDelete(net, "10.0.0.2", "dummy0")).isEqualTo(-Errno.ENOENT);
        assertThat(rtnlDellink(net, "dummy0")).isZero();
        assertThat(neigh.ndTbl().entries()).isEmpty();
        assertClean();
    }

    @Test
    void aNamespaceWithAddressesAndRoutesIsDismantledCleanly() {
        Net ns = netnsAdd(kernel, "ns1");
        assertThat(rtnlNewlink(ns, "dummy", LinkAttrs.named("dummy0"))).isZero();
        rtnlLock(kernel);
        try {
            devOpen(__devGetByName(ns, "dummy0"));
        } finally {
            rtnlUnlock(kernel);
        }
        assertThat(ip.ipAddrAdd(ns, "10.1.0.1/24", "dummy0")).isZero();
        assertThat(ip.ipAddrAdd(ns, "2001:db8:1::1/64", "dummy0")).isZero();
        assertThat(ip.ipRouteAdd(ns, RouteRequest.to("default").via("10.1.0.2"), false)).isZero();
        DstEntry dst = ip.fib().ipRouteOutputKey(ns, IpAddr.of("8.8.8.8"));
        Dst.dstRelease(dst);
        netnsDel(ns);
        flushWorkqueue(kernel.netnsWq()); // cleanup_net() runs on the netns kworker
        assertThat(ns.loopback().regState()).isEqualTo(RegState.RELEASED);
        assertClean();
    }
}
