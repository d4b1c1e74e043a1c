package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.netdev.AddrAssignType;
import org.reftrace.netdev.DelayedWork;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.ExtAck;
import org.reftrace.netdev.IfFlag;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.MacAddress;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevNotifier;
import org.reftrace.netdev.NetdevOps;
import org.reftrace.netdev.PrivFlag;
import org.reftrace.netdev.Workqueue;

/**
 * {@code drivers/net/bonding}: a master device over slave devices. Enslaving ({@code bond_enslave()}) takes the
 * slave's MTU and MAC address (the first slave gives the bond its own), opens the slave and links it under the
 * bond as master (the adjacency entries hold both devices); releasing ({@code __bond_release_one()}) undoes each
 * step. A bond has its own ordered workqueue, made in {@code ndo_init} and destroyed in its
 * {@code priv_destructor}, where the link monitor ({@code mii_work}, every {@code miimon} ms) runs while the bond
 * is up; the monitor takes rtnl only with {@code rtnl_trylock()} and retries a tick later, since
 * {@code bond_close()} waits for it under rtnl. A slave being unregistered (or moving namespace) is released by the
 * module's notifier; a bond being deleted releases them all in {@code ndo_uninit}. Loading the module creates
 * {@code max_bonds} bonds in {@code init_net} (default 1: {@code bond0}), as the kernel's does.
 *
 * <p>Model limits: no frames, so no LACP partner (802.3ad bonds have carrier as soon as a slave has link) and no
 * ARP probes (the ARP monitor judges slaves by carrier, like the MII monitor with {@code use_carrier}).
 */
public final class Bond implements LinkDriver {
    /** {@code BOND_DEFAULT_MAX_BONDS}. */
    public static final int DEFAULT_MAX_BONDS = 1;
    /** {@code ETH_MAX_MTU}. */
    static final int ETH_MAX_MTU = 0xFFFF;

    /** {@code struct bonding}. */
    public static final class BondPriv {
        NetDevice dev;
        final BondParams params = new BondParams();
        final List<BondSlave> slaves = new CopyOnWriteArrayList<>();
        volatile BondSlave currActiveSlave;
        volatile BondSlave primarySlave;
        Workqueue wq;
        DelayedWork miiWork;
        DelayedWork arpWork;
        DelayedWork adWork;
        /** {@code bond_list} membership: bonds of the module, per namespace. */
        boolean listed;

        /** The bond's slaves' devices, in enslaving order. */
        public List<NetDevice> slaveDevices() {
            return slaves.stream().map(s -> s.dev).toList();
        }

        /** The active slave's device, or {@code null}. */
        public NetDevice activeSlave() {
            BondSlave s = currActiveSlave;
            return s == null ? null : s.dev;
        }

        public BondMode mode() {
            return params.mode;
        }

        public int miimon() {
            return params.miimon;
        }

        /** {@code bond->wq}: the bond's own ordered workqueue, made in {@code bond_init()}. Model-only accessor. */
        public Workqueue workqueue() {
            return wq;
        }

        /** Whether a monitor work (MII, ARP, 802.3ad) is queued or armed. Model-only. */
        public boolean monitorPending() {
            return miiWork != null && miiWork.isPending() || arpWork != null && arpWork.isPending()
                    || adWork != null && adWork.isPending();
        }
    }

    private final int maxBonds;
    /** The module parameters that set defaults for new bonds ({@code modprobe bonding mode=1 miimon=100}). */
    private final Map<String, String> defaults;
    private final List<NetDevice> bonds = new CopyOnWriteArrayList<>();
    private final BondMonitor monitor = new BondMonitor(this);
    private final NetdevNotifier notifier = this::bondNetdevEvent;

    /**
     * The module with {@code max_bonds} = {@code maxBonds} and module parameters {@code defaults} (option name →
     * value) for every bond it makes, as {@code bond_check_params()} turns them into {@code bonding_defaults}.
     *
     * @throws IllegalArgumentException naming an unknown parameter or a bad value
     */
    public Bond(int maxBonds, Map<String, String> defaults) {
        for (Map.Entry<String, String> p : defaults.entrySet()) {
            if (BondParams.check(p.getKey(), p.getValue(), false, false) != 0) {
                throw new IllegalArgumentException("bonding: invalid parameter " + p.getKey() + "=" + p.getValue());
            }
        }
        this.maxBonds = maxBonds;
        this.defaults = Map.copyOf(defaults);
    }

    /** The module with {@code max_bonds} = {@code maxBonds}. */
    public Bond(int maxBonds) {
        this(maxBonds, Map.of());
    }

    /** The module with its defaults. */
    public Bond() {
        this(DEFAULT_MAX_BONDS);
    }

    @Override
    public String name() {
        return "bonding";
    }

    @Override
    public String kind() {
        return "bond";
    }

    /** {@code bonding_init()}: the notifier, the link type, then {@code max_bonds} bonds in init_net. */
    @Override
    public int init(Kernel kernel) {
        int err = registerNetdeviceNotifier(kernel, notifier);
        if (err == 0) {
            err = rtnlLinkRegister(kernel, this);
        }
        for (int i = 0; err == 0 && i < maxBonds; i++) {
            err = bondCreate(kernel.initNet(), null);
        }
        return err;
    }

    /**
     * {@code bonding_exit()}: the notifier goes first (its farewell {@code NETDEV_UNREGISTER} for every device
     * releases every slave), then the link type (every bond deleted).
     */
    @Override
    public void exit(Kernel kernel) {
        unregisterNetdeviceNotifier(kernel, notifier);
        rtnlLinkUnregister(kernel, this);
    }

    /** {@code bond_create()}: a bond outside rtnetlink (module load, {@code bonding_masters}). */
    public int bondCreate(Net net, String name) {
        Kernel kernel = net.kernel();
        rtnlLock(kernel);
        try {
            NetDevice dev = allocNetdev(net, name != null ? name : "bond%d", this::createPriv, this::setup);
            dev.setRtnlLinkOps(this);
            int err = registerNetdevice(dev);
            if (err < 0) {
                freeNetdev(dev);
                return err;
            }
            netifCarrierOff(dev);
            return 0;
        } finally {
            rtnlUnlock(kernel);
        }
    }

    @Override
    public Object createPriv(NetDevice dev) {
        BondPriv bond = new BondPriv();
        bond.dev = dev;
        defaults.forEach(bond.params::apply);
        return bond;
    }

    /** {@code bond_setup()}. */
    @Override
    public void setup(NetDevice dev) {
        dev.setNetdevOps(ops);
        etherSetup(dev);
        dev.setMtu(1500, 68, ETH_MAX_MTU);
        dev.setFlag(IfFlag.MASTER, true);
        dev.setPrivFlag(PrivFlag.BONDING, true);
        dev.setPrivFlag(PrivFlag.NO_QUEUE, true);
        dev.setNetnsLocal(true);
        dev.setNeedsFreeNetdev(true);
        dev.setPrivDestructor(Bond::bondDestructor);
    }

    /** {@code bond_newlink()}: the options, registration, no carrier until a slave has link. */
    @Override
    public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
        int err = changelink(dev, attrs);
        if (err < 0) {
            return err;
        }
        err = registerNetdevice(dev);
        if (err == 0) {
            netifCarrierOff(dev);
        }
        return err;
    }

    /** {@code bond_changelink()}: each option checked, then applied; the monitors follow a change while up. */
    @Override
    public int changelink(NetDevice dev, LinkAttrs attrs) {
        BondPriv bond = dev.priv(BondPriv.class);
        for (Map.Entry<String, String> option : attrs.data().entrySet()) {
            int err = BondParams.check(option.getKey(), option.getValue(), !bond.slaves.isEmpty(), dev.isUp());
            if (err < 0) {
                ExtAck.set(switch (-err) {
                    case Errno.ENOTEMPTY -> "unable to set option because the bond device has slaves";
                    case Errno.EBUSY -> "unable to set option because the bond is up";
                    default -> "invalid option value";
                });
                return err;
            }
        }
        for (Map.Entry<String, String> option : attrs.data().entrySet()) {
            bond.params.apply(option.getKey(), option.getValue());
            if (option.getKey().equals("primary")) {
                BondMonitor.setPrimary(bond);
            }
        }
        if (dev.isUp() && (attrs.get("miimon") != null || attrs.get("arp_interval") != null)) {
            monitor.restart(bond);
        }
        return 0;
    }

    private final NetdevOps ops = new NetdevOps() {
        /** {@code bond_init()}: the bond's own ordered workqueue. */
        @Override
        public int ndoInit(NetDevice dev) {
            BondPriv bond = dev.priv(BondPriv.class);
            bond.wq = allocOrderedWorkqueue(dev.kernel(), dev.name());
            bond.miiWork = new DelayedWork(w -> monitor.miiMonitor(bond));
            bond.arpWork = new DelayedWork(w -> monitor.arpMonitor(bond));
            bond.adWork = new DelayedWork(w -> monitor.adStateMachine(bond));
            bond.listed = bonds.add(dev);
            if (!dev.devAddr().isValidEther() && dev.addrAssignType() == AddrAssignType.PERM) {
                ethHwAddrRandom(dev);
            }
            return 0;
        }

        /** {@code bond_uninit()}: every slave released; the bond leaves the module's list. */
        @Override
        public void ndoUninit(NetDevice dev) {
            BondPriv bond = dev.priv(BondPriv.class);
            for (BondSlave slave : List.copyOf(bond.slaves)) {
                releaseOne(dev, slave.dev, true, true);
            }
            bonds.remove(dev);
        }

        /** {@code bond_open()}: the monitors start. */
        @Override
        public int ndoOpen(NetDevice dev) {
            BondPriv bond = dev.priv(BondPriv.class);
            for (BondSlave slave : bond.slaves) {
                slave.backup = bond.params.mode.usesPrimary() && slave != bond.currActiveSlave;
            }
            monitor.start(bond);
            return 0;
        }

        /** {@code bond_close()}: {@code bond_work_cancel_all()}, waiting for running monitors, under rtnl. */
        @Override
        public void ndoStop(NetDevice dev) {
            monitor.cancelAll(dev.priv(BondPriv.class));
        }

        /** {@code bond_set_mac_address()}: every slave takes the address first. */
        @Override
        public int ndoSetMacAddress(NetDevice dev, MacAddress addr) {
            BondPriv bond = dev.priv(BondPriv.class);
            if (bond.params.failOverMac != 0 && bond.params.mode == BondMode.ACTIVE_BACKUP) {
                return 0;
            }
            if (!addr.isValidEther()) {
                return -Errno.EADDRNOTAVAIL;
            }
            for (BondSlave slave : bond.slaves) {
                int err = devSetMacAddress(slave.dev, addr);
                if (err < 0) {
                    return err;
                }
            }
            devAddrSet(dev, addr);
            return 0;
        }

        /** {@code bond_change_mtu()}: every slave first. */
        @Override
        public int ndoChangeMtu(NetDevice dev, int newMtu) {
            for (BondSlave slave : dev.priv(BondPriv.class).slaves) {
                int err = devSetMtu(slave.dev, newMtu);
                if (err < 0) {
                    return err;
                }
            }
            dev.setMtu(newMtu);
            return 0;
        }

        @Override
        public int ndoAddSlave(NetDevice dev, NetDevice slave) {
            return enslave(dev, slave);
        }

        @Override
        public int ndoDelSlave(NetDevice dev, NetDevice slave) {
            return releaseOne(dev, slave, false, false);
        }
    };

    /** {@code bond_destructor()}: the workqueue goes, after the bond's reference wait. */
    private static void bondDestructor(NetDevice dev) {
        BondPriv bond = dev.priv(BondPriv.class);
        if (bond.wq != null) {
            destroyWorkqueue(bond.wq);
        }
    }

    /** {@code bond_enslave()}, under rtnl. */
    int enslave(NetDevice bondDev, NetDevice slaveDev) {
        BondPriv bond = bondDev.priv(BondPriv.class);
        if (slaveDev.hasFlag(IfFlag.SLAVE) || slaveDev.hasPrivFlag(PrivFlag.BRIDGE_PORT)
                || slaveDev.hasPrivFlag(PrivFlag.MACVLAN_PORT)) {
            ExtAck.set("Device is in use and cannot be enslaved"); // netdev_is_rx_handler_busy()
            return -Errno.EBUSY;
        }
        if (bondDev == slaveDev) {
            ExtAck.set("Cannot enslave bond to itself.");
            return -Errno.EPERM;
        }
        if (slaveDev.isUp()) {
            ExtAck.set("Device can not be enslaved while up");
            return -Errno.EPERM;
        }
        if (!bond.slaves.isEmpty() && bondDev.type() != slaveDev.type()) {
            ExtAck.set("Device type is different from other slaves");
            return -Errno.EINVAL;
        }
        if (bond.slaves.isEmpty() && bondDev.type() != slaveDev.type()) {
            bondDev.setType(slaveDev.type()); // bond_setup_by_slave()
        }
        callNetdeviceNotifiers(NetdevEvent.JOIN, slaveDev);
        if (bond.slaves.isEmpty() && bondDev.addrAssignType() == AddrAssignType.RANDOM) {
            int err = bondSetDevAddr(bondDev, slaveDev);
            if (err < 0) {
                return err;
            }
        }
        BondSlave slave = new BondSlave(slaveDev, bondDev, BondMonitor::notifyWork);
        slave.originalMtu = slaveDev.mtu();
        int err = devSetMtu(slaveDev, bondDev.mtu());
        if (err < 0) {
            slave.memory.kfree();
            return err;
        }
        slave.permHwaddr = slaveDev.devAddr();
        if (bond.params.failOverMac == 0 || bond.params.mode != BondMode.ACTIVE_BACKUP) {
            err = devSetMacAddress(slaveDev, bondDev.devAddr());
            if (err < 0) {
                devSetMtu(slaveDev, slave.originalMtu);
                slave.memory.kfree();
                return err;
            }
        }
        err = devOpen(slaveDev); // "open the slave since the application closed it"
        if (err < 0) {
            restore(slave);
            slave.memory.kfree();
            return err;
        }
        slaveDev.setPrivFlag(PrivFlag.BONDING, true);
        slave.link = BondMonitor.initialLink(bond, slave);
        if (bond.params.mode.usesPrimary() && bond.params.primary.equals(slaveDev.name())) {
            bond.primarySlave = slave;
        }
        slave.backup = bond.params.mode.usesPrimary() || bond.params.mode == BondMode.IEEE_8023AD;
        if (!bond.params.mode.usesPrimary() && bond.currActiveSlave == null && slave.link == BondSlave.Link.UP) {
            bond.currActiveSlave = slave; // trunk modes: any up slave
        }
        err = netdevMasterUpperDevLink(slaveDev, bondDev, slave, bond.params.mode);
        if (err < 0) {
            devClose(slaveDev);
            slaveDev.setPrivFlag(PrivFlag.BONDING, false);
            restore(slave);
            slave.memory.kfree();
            return err;
        }
        slaveDev.setFlag(IfFlag.SLAVE, true);
        bond.slaves.add(slave);
        netdevLowerStateChanged(slaveDev, slave.link);
        BondMonitor.setCarrier(bond);
        if (bond.params.mode.usesPrimary()) {
            BondMonitor.selectActiveSlave(bond);
        }
        queueDelayedWork(bond.wq, slave.notifyWork, 0); // bond_queue_slave_event()
        return 0;
    }

    /** {@code bond_set_dev_addr()}: the bond takes its first slave's address ({@code NET_ADDR_STOLEN}). */
    private static int bondSetDevAddr(NetDevice bondDev, NetDevice slaveDev) {
        devAddrSet(bondDev, slaveDev.devAddr());
        bondDev.setAddrAssignType(AddrAssignType.STOLEN);
        callNetdeviceNotifiers(NetdevEvent.CHANGEADDR, bondDev);
        return 0;
    }

    /** The slave's address and MTU as they were before enslaving. */
    private static void restore(BondSlave slave) {
        if (slave.permHwaddr != null && !slave.permHwaddr.equals(slave.dev.devAddr())) {
            devSetMacAddress(slave.dev, slave.permHwaddr);
        }
        devSetMtu(slave.dev, slave.originalMtu);
    }

    /**
     * {@code __bond_release_one()}, under rtnl: unlinks the slave, chooses another active slave, gives the bond
     * a fresh random address when none is left, closes the slave and restores its address and MTU, frees it.
     *
     * @param all        {@code bond_uninit()} releasing every slave
     * @param unregister the slave itself is being unregistered
     */
    int releaseOne(NetDevice bondDev, NetDevice slaveDev, boolean all, boolean unregister) {
        BondPriv bond = bondDev.priv(BondPriv.class);
        BondSlave slave = bond.slaves.stream().filter(s -> s.dev == slaveDev).findFirst().orElse(null);
        if (!slaveDev.hasFlag(IfFlag.SLAVE) || slave == null || !netdevHasUpperDev(slaveDev, bondDev)) {
            return -Errno.EINVAL; // "cannot release slave"
        }
        slave.backup = true;
        netdevUpperDevUnlink(slaveDev, bondDev); // bond_upper_dev_unlink()
        slaveDev.setFlag(IfFlag.SLAVE, false);
        bond.slaves.remove(slave);
        BondSlave oldCurrent = bond.currActiveSlave;
        if (bond.primarySlave == slave) {
            bond.primarySlave = null;
        }
        if (oldCurrent == slave) {
            BondMonitor.changeActiveSlave(bond, null);
        }
        if (all) {
            bond.currActiveSlave = null;
        } else if (oldCurrent == slave) {
            BondMonitor.selectActiveSlave(bond);
        }
        BondMonitor.setCarrier(bond);
        if (bond.slaves.isEmpty()) {
            ethHwAddrRandom(bondDev);
            callNetdeviceNotifiers(NetdevEvent.CHANGEADDR, bondDev);
            callNetdeviceNotifiers(NetdevEvent.RELEASE, bondDev);
        }
        devClose(slaveDev); // "close slave before restoring its mac address"
        if (bond.params.failOverMac != 1 || bond.params.mode != BondMode.ACTIVE_BACKUP) {
            devSetMacAddress(slaveDev, slave.permHwaddr);
        }
        if (unregister) {
            slaveDev.setMtu(slave.originalMtu); // __dev_set_mtu(): no notifier for a dying device
        } else {
            devSetMtu(slaveDev, slave.originalMtu);
        }
        slaveDev.setPrivFlag(PrivFlag.BONDING, false);
        cancelDelayedWorkSync(slave.notifyWork); // slave_kobj_release()
        slave.memory.kfree();
        return 0;
    }

    /** {@code bond_netdev_event()}: only events of bonding masters and slaves concern the module. */
    private int bondNetdevEvent(NetdevEvent event, NetDevice dev) {
        if (!dev.hasPrivFlag(PrivFlag.BONDING) || !dev.hasFlag(IfFlag.SLAVE)) {
            return 0;
        }
        NetDevice bondDev = netdevMasterUpperDevGet(dev);
        if (bondDev == null || bondDev.rtnlLinkOps() != this) {
            return 0;
        }
        switch (event) {
            case UNREGISTER -> releaseOne(bondDev, dev, false, true); // bond_slave_netdev_event()
            case CHANGE, UP, DOWN -> monitor.slaveStateChanged(bondDev.priv(BondPriv.class));
            default -> { }
        }
        return 0;
    }

    /** The option names {@code ip link ... type bond} accepts. */
    public static List<String> optionNames() {
        return BondParams.OPTIONS;
    }

    /** The bonds of this module, in creation order. */
    public List<NetDevice> bonds() {
        return List.copyOf(bonds);
    }
}
