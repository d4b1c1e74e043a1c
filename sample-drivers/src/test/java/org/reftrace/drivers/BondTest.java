package org.reftrace.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.netdev.Dev.*;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reftrace.netdev.AddrAssignType;
import org.reftrace.netdev.FakeClock;
import org.reftrace.netdev.IfFlag;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.KernelMessage;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;

/** The bond driver against drivers/net/bonding/bond_main.c: what it holds, when its works run, what it gives back. */
class BondTest {
    private final FakeClock clock = new FakeClock();
    private final Kernel kernel = Kernel.boot(KernelConfig.defaults().withWaitEscape(Duration.ofSeconds(30)), clock,
            null);
    private final Net net = kernel.initNet();
    private final Bond bonding = new Bond(0);

    @BeforeEach
    void load() {
        new Dummy().init(kernel);
        bonding.init(kernel);
    }

    private NetDevice dev(String name) {
        rtnlLock(kernel);
        try {
            return __devGetByName(net, name);
        } finally {
            rtnlUnlock(kernel);
        }
    }

    private NetDevice bond(String name, String mode) {
        assertThat(rtnlNewlink(net, "bond", LinkAttrs.named(name).with("mode", mode).with("miimon", "100"))).isZero();
        return dev(name);
    }

    private NetDevice dummy(String name) {
        assertThat(rtnlNewlink(net, "dummy", LinkAttrs.named(name))).isZero();
        return dev(name);
    }

    private int setMaster(NetDevice slave, NetDevice master) {
        rtnlLock(kernel);
        try {
            return doSetMaster(slave, master);
        } finally {
            rtnlUnlock(kernel);
        }
    }

    private void open(NetDevice dev) {
        rtnlLock(kernel);
        try {
            devOpen(dev);
        } finally {
            rtnlUnlock(kernel);
        }
    }

    private void advance(long millis) {
        for (long t = 0; t < millis; t += 50) {
            clock.advanceNanos(50_000_000L);
            kernel.quiesce();
        }
    }

    private Bond.BondPriv bondOf(String name) {
        return dev(name).priv(Bond.BondPriv.class);
    }

    private void assertClean() {
        assertThat(kernel.hangs()).isEmpty();
        assertThat(kernel.log().messages()).filteredOn(m -> m.kind() != KernelMessage.Kind.MESSAGE).isEmpty();
        assertThat(kernel.kmemleak()).isEmpty();
    }

    /**
     * {@code bond_enslave()}: the slave is linked under the bond ({@code netdev_master_upper_dev_link()}, which
     * holds it), flagged {@code IFF_SLAVE}, and as the first slave gives a bond with a random address its own;
     * {@code __bond_release_one()} undoes it all and, for the last slave, gives the bond a random address again.
     */
    @Test
    void enslavingHoldsTheSlaveAndTheFirstSlaveLendsTheBondItsAddress() {
        NetDevice bond0 = bond("bond0", "active-backup");
        NetDevice eth0 = dummy("eth0");
        assertThat(bond0.addrAssignType()).isEqualTo(AddrAssignType.RANDOM);
        int before = eth0.refcnt();
        assertThat(setMaster(eth0, bond0)).isZero();
        assertThat(netdevMasterUpperDevGet(eth0)).isSameAs(bond0);
        assertThat(eth0.hasFlag(IfFlag.SLAVE)).isTrue();
        assertThat(eth0.refcnt()).isGreaterThan(before);
        assertThat(bond0.devAddr()).isEqualTo(eth0.devAddr());
        assertThat(bondOf("bond0").slaveDevices()).containsExactly(eth0);

        assertThat(setMaster(eth0, null)).isZero();
        assertThat(eth0.hasFlag(IfFlag.SLAVE)).isFalse();
        assertThat(eth0.refcnt()).isEqualTo(before);
        assertThat(bond0.addrAssignType()).isEqualTo(AddrAssignType.RANDOM);
        assertThat(bond0.devAddr()).isNotEqualTo(eth0.devAddr());
        assertThat(rtnlDellink(net, "bond0")).isZero();
        assertThat(rtnlDellink(net, "eth0")).isZero();
        assertClean();
    }

    /**
     * {@code bond_mii_monitor()}, a delayed work on the bond's workqueue every {@code miimon} ms taking rtnl with
     * {@code rtnl_trylock()}: in active-backup, the active slave losing its carrier makes the other one active.
     */
    @Test
    void theMiiMonitorFailsOverWhenTheActiveSlaveLosesItsCarrier() {
        NetDevice bond0 = bond("bond0", "active-backup");
        NetDevice eth0 = dummy("eth0");
        NetDevice eth1 = dummy("eth1");
        assertThat(setMaster(eth0, bond0)).isZero();
        assertThat(setMaster(eth1, bond0)).isZero();
        open(bond0);
        advance(300);
        assertThat(bondOf("bond0").activeSlave()).isSameAs(eth0);
        netifCarrierOff(eth0);
        advance(500);
        assertThat(bondOf("bond0").activeSlave()).isSameAs(eth1);
        assertThat(rtnlDellink(net, "bond0")).isZero();
        assertThat(eth0.hasFlag(IfFlag.SLAVE) || eth1.hasFlag(IfFlag.SLAVE)).as("bond_uninit() released both")
                .isFalse();
        rtnlDellink(net, "eth0");
        rtnlDellink(net, "eth1");
        assertClean();
    }

    /**
     * {@code bond_close()} → {@code bond_work_cancel_all()}: no monitor is left armed on a bond that is down;
     * {@code bond_destructor()} destroys the workqueue {@code bond_init()} made, after the bond's reference wait.
     */
    @Test
    void closingCancelsTheMonitorsAndTheDestructorDestroysTheWorkqueue() {
        NetDevice bond0 = bond("bond0", "balance-rr");
        open(bond0);
        Bond.BondPriv priv = bondOf("bond0");
        assertThat(priv.monitorPending()).isTrue();
        assertThat(priv.workqueue().name()).isEqualTo("bond0");
        assertThat(priv.workqueue().isOrdered()).isTrue();
        rtnlLock(kernel);
        devClose(bond0);
        rtnlUnlock(kernel);
        assertThat(priv.monitorPending()).isFalse();
        assertThat(priv.workqueue().isDestroyed()).isFalse();
        assertThat(rtnlDellink(net, "bond0")).isZero();
        assertThat(priv.workqueue().isDestroyed()).isTrue();
        assertClean();
    }

    /** {@code bond_slave_netdev_event()}: a slave's {@code NETDEV_UNREGISTER} releases it before it goes. */
    @Test
    void aSlaveThatIsDeletedIsReleasedFirst() {
        NetDevice bond0 = bond("bond0", "active-backup");
        NetDevice eth0 = dummy("eth0");
        assertThat(setMaster(eth0, bond0)).isZero();
        open(bond0);
        assertThat(rtnlDellink(net, "eth0")).isZero();
        assertThat(bondOf("bond0").slaveDevices()).isEmpty();
        assertThat(eth0.isMemoryReleased()).isTrue();
        assertThat(rtnlDellink(net, "bond0")).isZero();
        assertClean();
    }

    /** {@code bonding_exit()}: {@code rtnl_link_unregister()} deletes every bond, with its slaves released. */
    @Test
    void unloadingTheModuleDeletesEveryBond() {
        NetDevice bond0 = bond("bond0", "active-backup");
        bond("bond1", "802.3ad");
        NetDevice eth0 = dummy("eth0");
        assertThat(setMaster(eth0, bond0)).isZero();
        open(bond0);
        bonding.exit(kernel);
        assertThat(net.devices()).extracting(NetDevice::name).containsExactly("lo", "eth0");
        assertThat(eth0.hasFlag(IfFlag.SLAVE)).isFalse();
        rtnlDellink(net, "eth0");
        assertClean();
    }
}
