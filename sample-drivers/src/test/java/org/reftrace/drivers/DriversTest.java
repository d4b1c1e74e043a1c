package org.reftrace.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.netdev.Dev.*;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.reftrace.netdev.FakeClock;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.KernelMessage;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.RegState;
import org.reftrace.stack.Inet;
import org.reftrace.stack.NeighbourTable;
import org.reftrace.stack.PacketSocket;
import org.reftrace.stack.RouteCache;

/** Each sample driver and holder follows the lifetime rules: everything it takes, it gives back. */
class DriversTest {
    private final FakeClock clock = new FakeClock();
    private final Kernel kernel = Kernel.boot(KernelConfig.defaults().withWaitEscape(java.time.Duration.ofSeconds(30)),
            clock, null);
    private final Net net = kernel.initNet();

    private NetDevice dev(String name) {
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
        assertThat(kernel.kmemleak()).isEmpty();
    }

    @Test
    void dummyInBothShapesFreesEverything() {
        new Dummy().init(kernel);
        assertThat(rtnlNewlink(net, "dummy", LinkAttrs.named("dummy%d"))).isZero();
        assertThat(dev("dummy0").refcnt()).isEqualTo(2);
        NetDevice probed = Dummy.probe(net, "eth%d");
        assertThat(probed.name()).isEqualTo("eth0");
        Dummy.remove(probed);
        assertThat(rtnlDellink(net, "dummy0")).isZero();
        assertClean();
    }

    @Test
    void deletingOneVethEndDeletesItsPeer() {
        new Veth().init(kernel);
        assertThat(rtnlNewlink(net, "veth", LinkAttrs.named("veth0").with("peer", "veth1"))).isZero();
        NetDevice peer = dev("veth1");
        assertThat(Veth.peerOf(dev("veth0"))).isSameAs(peer);
        assertThat(rtnlDellink(net, "veth1")).isZero();
        assertThat(net.devices()).extracting(NetDevice::name).containsExactly("lo");
        assertThat(peer.isMemoryReleased()).isTrue();
        assertClean();
    }

    @Test
    void vlansHoldTheirRealDeviceAndGoWithItInOneBatch() {
        new Dummy().init(kernel);
        Vlan vlan = new Vlan();
        vlan.init(kernel);
        rtnlNewlink(net, "dummy", LinkAttrs.named("eth0"));
        rtnlNewlink(net, "vlan", LinkAttrs.named("eth0.10").withLink("eth0").with("id", "10"));
        rtnlNewlink(net, "vlan", LinkAttrs.named("eth0.20").withLink("eth0").with("id", "20"));
        NetDevice eth0 = dev("eth0");
        // 1 + registration + each vlan's own reference + each vlan's adjacency entry (netdev_upper_dev_link)
        assertThat(eth0.refcnt()).isEqualTo(6);
        assertThat(netdevUpperDevices(eth0)).extracting(NetDevice::name).containsExactly("eth0.10", "eth0.20");
        assertThat(vlan.vlansOn(eth0)).hasSize(2);
        assertThat(rtnlNewlink(net, "vlan", LinkAttrs.named("x.1").withLink("nosuch").with("id", "1")))
                .isEqualTo(-org.reftrace.netdev.Errno.ENODEV);
        assertThat(rtnlDellink(net, "eth0")).isZero();
        assertThat(net.devices()).extracting(NetDevice::name).containsExactly("lo");
        assertClean();
    }

    @Test
    void vlanIoctlPathFreesUnconditionallyOnFailure() {
        new Dummy().init(kernel);
        Vlan vlan = new Vlan();
        vlan.init(kernel);
        rtnlNewlink(net, "dummy", LinkAttrs.named("eth0"));
        registerNetdeviceNotifier(kernel, (e, d) -> e == org.reftrace.netdev.NetdevEvent.REGISTER
                && d.name().equals("eth0.5") ? -org.reftrace.netdev.Errno.EBUSY : 0);
        NetDevice eth0 = dev("eth0");
        rtnlLock(kernel);
        assertThat(vlan.registerVlanDevice(eth0, 5)).isEqualTo(-org.reftrace.netdev.Errno.EBUSY);
        rtnlUnlock(kernel);
        assertThat(dev("eth0").refcnt()).isEqualTo(2);
        rtnlDellink(net, "eth0");
        assertClean();
    }

    @Test
    void bridgePortsAreHeldUntilAnRcuCallbackAfterTheirRemoval() {
        new Dummy().init(kernel);
        Bridge bridge = new Bridge();
        bridge.init(kernel);
        rtnlNewlink(net, "bridge", LinkAttrs.named("br0"));
        rtnlNewlink(net, "dummy", LinkAttrs.named("eth0"));
        rtnlNewlink(net, "dummy", LinkAttrs.named("eth1"));
        NetDevice br0 = dev("br0");
        NetDevice eth0 = dev("eth0");
        NetDevice eth1 = dev("eth1");
        rtnlLock(kernel);
        assertThat(bridge.addInterface(br0, eth0)).isZero();
        assertThat(bridge.addInterface(br0, eth1)).isZero();
        assertThat(bridge.addInterface(br0, eth1)).isNegative();
        rtnlUnlock(kernel);
        assertThat(eth0.refcnt()).as("1 + registration + the port + the master link's entry").isEqualTo(4);
        assertThat(bridge.masterOf(eth0).name()).isEqualTo("br0");
        assertThat(netdevMasterUpperDevGet(eth0)).isSameAs(br0);
        rtnlLock(kernel);
        bridge.deleteInterface(eth0);
        rtnlUnlock(kernel);
        // the link goes at once; readers may still see the port: its put waits for a grace period
        assertThat(eth0.refcnt()).isEqualTo(3);
        kernel.rcu().gracePeriod();
        assertThat(eth0.refcnt()).isEqualTo(2);
        assertThat(rtnlDellink(net, "eth1")).isZero(); // the bridge's notifier lets go of a dying port
        assertThat(rtnlDellink(net, "br0")).isZero();
        assertThat(rtnlDellink(net, "eth0")).isZero();
        assertClean();
    }

    @Test
    void sitTunnelsHoldThemselvesWhileHashed() {
        Sit sit = new Sit();
        sit.init(kernel);
        rtnlNewlink(net, "sit", LinkAttrs.named("sit1"));
        assertThat(sit.tunnels()).extracting(NetDevice::name).containsExactly("sit1");
        assertThat(dev("sit1").refcnt()).isEqualTo(3);
        rtnlDellink(net, "sit1");
        assertThat(sit.tunnels()).isEmpty();
        assertClean();
    }

    @Test
    void stackHoldersLetGoOnUnregister() {
        new Dummy().init(kernel);
        Inet inet = new Inet();
        inet.init(kernel);
        RouteCache routes = new RouteCache();
        routes.init(kernel);
        NeighbourTable neigh = new NeighbourTable();
        neigh.init(kernel);
        PacketSocket.Family packet = new PacketSocket.Family();
        packet.init(kernel);
        rtnlNewlink(net, "dummy", LinkAttrs.named("eth0"));
        NetDevice eth0 = dev("eth0");
        assertThat(inet.inDevGet(eth0).dev()).isSameAs(eth0);
        org.reftrace.inet.Rtable dst = routes.routeOutput("10.0.0.1", eth0);
        org.reftrace.inet.Neighbour n = neigh.lookup(eth0, "10.0.0.1");
        PacketSocket socket = packet.socket();
        socket.bind(eth0);
        assertThat(eth0.refcnt()).isEqualTo(2 + 1 + 1 + 1 + 1);
        clock.at(3, () -> org.reftrace.inet.Neigh.neighRelease(n)); // a user of the neighbour entry lets go later
        assertThat(rtnlDellink(net, "eth0")).isZero();
        assertThat(dst.dev()).isSameAs(net.loopback()); // rt_flush_dev moved the route to lo
        assertThat(socket.boundDev()).isNull();
        assertThat(eth0.regState()).isEqualTo(RegState.RELEASED);
        assertThat(kernel.log().containing("waiting for eth0")).isEmpty(); // 3 s < the 10 s warning
        assertThat(clock.nanoTime()).isGreaterThanOrEqualTo(3_000_000_000L);
        assertClean();
    }

    @Test
    void modulesAreNamedAsModprobeKnowsThem() {
        assertThat(Set.of(new Dummy().name(), new Veth().name(), new Vlan().name(), new Bridge().name(),
                new Sit().name(), new Macvlan().name())).containsExactlyInAnyOrder("dummy", "veth", "8021q", "bridge",
                        "sit", "macvlan");
    }
}
