package org.reftrace.netdev;

/**
 * {@code struct net_device_ops}: the driver's callbacks. Every method has a default that does nothing and
 * succeeds, as a NULL pointer in the kernel's table would.
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

    /** The table of a driver that has no callbacks. */
    NetdevOps NONE = new NetdevOps() {};
}
