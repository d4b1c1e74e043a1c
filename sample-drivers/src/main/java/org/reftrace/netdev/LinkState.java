package org.reftrace.netdev;

/**
 * Carrier and operational state ({@code net/sched/sch_generic.c} {@code netif_carrier_on/off},
 * {@code net/core/link_watch.c} {@code rfc2863_policy}, {@code net/core/dev.c} {@code netdev_state_change},
 * {@code netif_stacked_transfer_operstate}).
 */
final class LinkState {
    private LinkState() {}

    /** {@code netif_carrier_on()}: carrier appears; linkwatch hears of it (not before registration). */
    static void carrierOn(NetDevice dev) {
        synchronized (dev) {
            if (!dev.noCarrier) {
                return;
            }
            dev.noCarrier = false;
        }
        if (dev.regState == RegState.UNINITIALIZED) {
            return;
        }
        dev.kernel.linkwatch().fireEvent(dev);
    }

    /** {@code netif_carrier_off()}. */
    static void carrierOff(NetDevice dev) {
        synchronized (dev) {
            if (dev.noCarrier) {
                return;
            }
            dev.noCarrier = true;
        }
        if (dev.regState == RegState.UNINITIALIZED) {
            return;
        }
        dev.kernel.linkwatch().fireEvent(dev);
    }

    /** {@code netdev_state_change()}: a running device tells the chain ({@code NETDEV_CHANGE}). */
    static void netdevStateChange(NetDevice dev) {
        if (dev.up) {
            dev.kernel.notifiers().call(NetdevEvent.CHANGE, dev);
        }
    }

    /** {@code netif_stacked_transfer_operstate()}: a stacked device takes its lower device's carrier. */
    static void stackedTransferOperstate(NetDevice root, NetDevice dev) {
        if (root.carrierOk()) {
            carrierOn(dev);
        } else {
            carrierOff(dev);
        }
    }

    /** {@code linkwatch_init_dev()}, at registration. */
    static void linkwatchInitDev(NetDevice dev) {
        if (dev.noCarrier) {
            rfc2863Policy(dev);
        }
    }

    /** {@code rfc2863_policy()} with {@code IF_LINK_MODE_DEFAULT}: {@code default_operstate()}. */
    static void rfc2863Policy(NetDevice dev) {
        dev.operstate = defaultOperstate(dev);
    }

    private static OperState defaultOperstate(NetDevice dev) {
        if (dev.carrierOk()) {
            return OperState.UP;
        }
        int iflink = dev.regState.compareTo(RegState.REGISTERED) <= 0 ? dev.netdevOps().ndoGetIflink(dev) : dev.ifindex;
        if (iflink == dev.ifindex) {
            return OperState.DOWN;
        }
        NetDevice peer = dev.net.findByIndex(iflink);
        if (peer == null) {
            return OperState.DOWN;
        }
        return peer.carrierOk() ? OperState.DOWN : OperState.LOWERLAYERDOWN;
    }

    /** {@code netif_is_bond_master()} (the model has no team driver). */
    static boolean isLagMaster(NetDevice dev) {
        return dev.hasFlag(IfFlag.MASTER) && dev.hasPrivFlag(PrivFlag.BONDING);
    }

    /** {@code netif_is_bond_slave()}. */
    static boolean isLagPort(NetDevice dev) {
        return dev.hasFlag(IfFlag.SLAVE) && dev.hasPrivFlag(PrivFlag.BONDING);
    }
}
