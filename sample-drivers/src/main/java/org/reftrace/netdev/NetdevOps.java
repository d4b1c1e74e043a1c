package org.reftrace.netdev;

/**
 * {@code struct net_device_ops}: the driver's callbacks. Every method has a default that does what a NULL pointer
 * in the kernel's table would make the core do (usually nothing, successfully).
 */
public interface NetdevOps {

    /**
     * {@code ndo_init}: under rtnl, before the device is visible. The right place to take references this device
     * will hold on others. Returns 0 or a negative errno; on failure {@code ndo_uninit} is <em>not</em> called.
     */
    default int ndoInit(NetDevice dev) {
        return 0;
    }

    /**
     * {@code ndo_uninit}: under rtnl during unregister, before the reference wait, and on register's error
     * path after a successful {@code ndo_init}. The right place to drop references this device holds on others.
     */
    default void ndoUninit(NetDevice dev) {}

    /** {@code ndo_open}: the device is brought up. Returns 0 or a negative errno. */
    default int ndoOpen(NetDevice dev) {
        return 0;
    }

    /** {@code ndo_stop}: the device is brought down. */
    default void ndoStop(NetDevice dev) {}

    /**
     * {@code ndo_validate_addr}, called by {@code dev_open()} before {@code ndo_open}. The default is
     * {@code eth_validate_addr()} for Ethernet devices ({@code -EADDRNOTAVAIL} for an invalid address), which
     * every Ethernet driver of the model uses, and nothing for other types.
     */
    default int ndoValidateAddr(NetDevice dev) {
        return dev.type() == DeviceType.ETHER && !dev.devAddr().isValidEther() ? -Errno.EADDRNOTAVAIL : 0;
    }

    /**
     * {@code ndo_set_mac_address}: under rtnl. Returns 0 or a negative errno. The default is a NULL pointer:
     * {@code -EOPNOTSUPP}; Ethernet drivers usually answer with {@link Dev#ethMacAddr}.
     */
    default int ndoSetMacAddress(NetDevice dev, MacAddress addr) {
        return -Errno.EOPNOTSUPP;
    }

    /** {@code ndo_change_mtu}: under rtnl; the default sets {@code dev->mtu} as the core does without one. */
    default int ndoChangeMtu(NetDevice dev, int newMtu) {
        dev.mtu = newMtu;
        return 0;
    }

    /** {@code ndo_get_iflink}: the ifindex of the device this one sends through; the default is its own. */
    default int ndoGetIflink(NetDevice dev) {
        return dev.ifindex();
    }

    /** {@code ndo_add_slave} ({@code ip link set SLAVE master DEV}), under rtnl; the default is -EOPNOTSUPP. */
    default int ndoAddSlave(NetDevice dev, NetDevice slave) {
        return -Errno.EOPNOTSUPP;
    }

    /** {@code ndo_del_slave} ({@code ip link set SLAVE nomaster}), under rtnl; the default is -EOPNOTSUPP. */
    default int ndoDelSlave(NetDevice dev, NetDevice slave) {
        return -Errno.EOPNOTSUPP;
    }

    /** {@code ndo_change_carrier} ({@code ip link set DEV carrier on|off}); the default is -EOPNOTSUPP. */
    default int ndoChangeCarrier(NetDevice dev, boolean on) {
        return -Errno.EOPNOTSUPP;
    }

    /** The table of a driver that has no callbacks. */
    NetdevOps NONE = new NetdevOps() {};
}
