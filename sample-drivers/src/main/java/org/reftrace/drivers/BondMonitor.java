package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * The bond's link monitors and active-slave choice ({@code bond_main.c}: {@code bond_mii_monitor()},
 * {@code bond_miimon_inspect/commit()}, {@code bond_select_active_slave()}, {@code bond_set_carrier()}). Each
 * monitor is delayed work on the bond's ordered workqueue that re-arms itself; it inspects without rtnl and
 * commits with {@code rtnl_trylock()}, re-arming one tick later when rtnl is busy (the bond's close waits for it
 * under rtnl: a blocking {@code rtnl_lock()} here would deadlock).
 */
final class BondMonitor {
    private final Bond driver;

    BondMonitor(Bond driver) {
        this.driver = driver;
    }

    /** {@code bond_open()}'s part: queue the monitors the options ask for. */
    void start(Bond.BondPriv bond) {
        if (bond.params.miimon > 0) {
            queueDelayedWork(bond.wq, bond.miiWork, 0);
        }
        if (bond.params.arpIntervalMs > 0) {
            queueDelayedWork(bond.wq, bond.arpWork, 0);
        }
        if (bond.params.mode == BondMode.IEEE_8023AD) {
            queueDelayedWork(bond.wq, bond.adWork, 0);
        }
    }

    /** {@code bond_work_cancel_all()}. */
    void cancelAll(Bond.BondPriv bond) {
        cancelDelayedWorkSync(bond.miiWork);
        cancelDelayedWorkSync(bond.arpWork);
        cancelDelayedWorkSync(bond.adWork);
    }

    /** An option changed the monitors of a running bond ({@code bond_option_miimon_set()} and friends). */
    void restart(Bond.BondPriv bond) {
        cancelAll(bond);
        start(bond);
    }

    /** The initial link state of a new slave, as {@code bond_enslave()} sets it. */
    static BondSlave.Link initialLink(Bond.BondPriv bond, BondSlave slave) {
        if (bond.params.miimon > 0) {
            if (!netifCarrierOk(slave.dev)) {
                return BondSlave.Link.DOWN;
            }
            if (bond.params.updelayMs > 0) {
                slave.delay = ticks(bond.params.updelayMs, bond.params.miimon);
                return BondSlave.Link.BACK;
            }
            return BondSlave.Link.UP;
        }
        if (bond.params.arpIntervalMs > 0) {
            return netifCarrierOk(slave.dev) ? BondSlave.Link.UP : BondSlave.Link.DOWN;
        }
        return BondSlave.Link.UP; // no monitor: failure detection is off
    }

    /** {@code bond_mii_monitor()}: the work function. */
    void miiMonitor(Bond.BondPriv bond) {
        long delay = bond.params.miimon;
        if (!bond.slaves.isEmpty() && inspect(bond, bond.params.miimon)) {
            if (!rtnlTrylock(bond.dev.kernel())) {
                delay = 1; // "Race avoidance with bond_close cancel of workqueue"
            } else {
                try {
                    commit(bond);
                } finally {
                    rtnlUnlock(bond.dev.kernel());
                }
            }
        }
        if (bond.params.miimon > 0) {
            queueDelayedWork(bond.wq, bond.miiWork, delay);
        }
    }

    /** {@code bond_activebackup_arp_mon()}/{@code bond_loadbalance_arp_mon()}, judging slaves by carrier. */
    void arpMonitor(Bond.BondPriv bond) {
        long delay = bond.params.arpIntervalMs;
        if (!bond.slaves.isEmpty() && inspect(bond, bond.params.arpIntervalMs)) {
            if (!rtnlTrylock(bond.dev.kernel())) {
                delay = 1;
            } else {
                try {
                    commit(bond);
                } finally {
                    rtnlUnlock(bond.dev.kernel());
                }
            }
        }
        if (bond.params.arpIntervalMs > 0) {
            queueDelayedWork(bond.wq, bond.arpWork, delay);
        }
    }

    /** {@code bond_3ad_state_machine_handler()}: its 100 ms tick; the model has no LACP partner to talk to. */
    void adStateMachine(Bond.BondPriv bond) {
        if (bond.params.mode == BondMode.IEEE_8023AD) {
            queueDelayedWork(bond.wq, bond.adWork, 100);
        }
    }

    /** A slave's state changed ({@code NETDEV_CHANGE/UP/DOWN}); without a monitor nothing follows. */
    void slaveStateChanged(Bond.BondPriv bond) {
        // bond_slave_netdev_event() only refreshes speed/duplex and the xmit array: link changes are the
        // monitors' business, so a bond without miimon/arp_interval does not notice.
    }

    /** {@code bond_miimon_inspect()}: proposes new link states; returns whether any needs a commit. */
    private static boolean inspect(Bond.BondPriv bond, int intervalMs) {
        boolean commit = false;
        for (BondSlave slave : bond.slaves) {
            slave.newLink = null;
            boolean linkUp = netifCarrierOk(slave.dev) && slave.dev.isUp();
            switch (slave.link) {
                case UP -> {
                    if (!linkUp) {
                        slave.delay = ticks(bond.params.downdelayMs, intervalMs);
                        if (slave.delay > 0) {
                            slave.link = BondSlave.Link.FAIL;
                        } else {
                            slave.newLink = BondSlave.Link.DOWN;
                            commit = true;
                        }
                    }
                }
                case FAIL -> {
                    if (linkUp) {
                        slave.link = BondSlave.Link.UP; // recovered within downdelay
                    } else if (--slave.delay <= 0) {
                        slave.newLink = BondSlave.Link.DOWN;
                        commit = true;
                    }
                }
                case DOWN -> {
                    if (linkUp) {
                        slave.delay = ticks(bond.params.updelayMs, intervalMs);
                        if (slave.delay > 0) {
                            slave.link = BondSlave.Link.BACK;
                        } else {
                            slave.newLink = BondSlave.Link.UP;
                            commit = true;
                        }
                    }
                }
                case BACK -> {
                    if (!linkUp) {
                        slave.link = BondSlave.Link.DOWN;
                    } else if (--slave.delay <= 0) {
                        slave.newLink = BondSlave.Link.UP;
                        commit = true;
                    }
                }
            }
        }
        return commit;
    }

    /** {@code bond_miimon_commit()}, under rtnl. */
    private static void commit(Bond.BondPriv bond) {
        boolean failover = false;
        for (BondSlave slave : bond.slaves) {
            if (slave.newLink == null) {
                continue;
            }
            slave.link = slave.newLink;
            slave.newLink = null;
            netdevLowerStateChanged(slave.dev, slave.link);
            if (slave.link == BondSlave.Link.UP) {
                failover |= bond.currActiveSlave == null || slave == bond.primarySlave;
            } else {
                failover |= slave == bond.currActiveSlave;
            }
        }
        if (failover) {
            selectActiveSlave(bond);
        }
        setCarrier(bond);
    }

    /** {@code bond_select_active_slave()}: the primary if it has link, else the current one, else the first up. */
    static void selectActiveSlave(Bond.BondPriv bond) {
        BondSlave best = null;
        if (bond.primarySlave != null && bond.primarySlave.link == BondSlave.Link.UP) {
            best = bond.primarySlave;
        } else if (bond.currActiveSlave != null && bond.currActiveSlave.link == BondSlave.Link.UP) {
            best = bond.currActiveSlave;
        } else {
            for (BondSlave s : bond.slaves) {
                if (s.link == BondSlave.Link.UP) {
                    best = s;
                    break;
                }
            }
        }
        if (best != bond.currActiveSlave) {
            changeActiveSlave(bond, best);
        }
        setCarrier(bond);
    }

    /** {@code bond_change_active_slave()}: the new active slave leaves backup; the chain hears of a failover. */
    static void changeActiveSlave(Bond.BondPriv bond, BondSlave newActive) {
        BondSlave old = bond.currActiveSlave;
        if (old != null && bond.params.mode.usesPrimary()) {
            old.backup = true;
        }
        bond.currActiveSlave = newActive;
        if (newActive != null) {
            newActive.backup = false;
            if (bond.params.mode.usesPrimary() && old != null && bond.dev.isUp()) {
                callNetdeviceNotifiers(NetdevEvent.BONDING_FAILOVER, bond.dev);
            }
        }
    }

    /**
     * {@code bond_set_carrier()}: carrier while a slave has link (and at least {@code min_links} do, for
     * 802.3ad, whose aggregator the model does not negotiate).
     */
    static void setCarrier(Bond.BondPriv bond) {
        long up = bond.slaves.stream().filter(s -> s.link == BondSlave.Link.UP).count();
        boolean carrier = up > 0 && (bond.params.mode != BondMode.IEEE_8023AD || up >= bond.params.minLinks);
        if (carrier) {
            netifCarrierOn(bond.dev);
        } else {
            netifCarrierOff(bond.dev);
        }
    }

    /** The option {@code primary} changed: it takes effect now if that device is a slave. */
    static void setPrimary(Bond.BondPriv bond) {
        bond.primarySlave = null;
        for (BondSlave s : bond.slaves) {
            if (s.dev.name().equals(bond.params.primary)) {
                bond.primarySlave = s;
            }
        }
        if (bond.params.mode.usesPrimary()) {
            selectActiveSlave(bond);
        }
    }

    /** {@code bond_netdev_notify_work()}: tells the chain, or retries a tick later while rtnl is busy. */
    static void notifyWork(BondSlave slave) {
        NetDevice bondDev = slave.bondDev;
        if (rtnlTrylock(bondDev.kernel())) {
            try {
                netdevLowerStateChanged(slave.dev, slave.link); // netdev_bonding_info_change()
            } finally {
                rtnlUnlock(bondDev.kernel());
            }
        } else {
            queueDelayedWork(bondDev.priv(Bond.BondPriv.class).wq, slave.notifyWork, 1);
        }
    }

    private static int ticks(int delayMs, int intervalMs) {
        return intervalMs <= 0 ? 0 : (delayMs + intervalMs - 1) / intervalMs;
    }
}
