package org.reftrace.netdev;

import java.util.List;

/**
 * {@code struct rtnl_link_ops}: how {@code ip link add ... type KIND} makes and deletes a device of a driver.
 * Registered with {@link Dev#rtnlLinkRegister}. Devices made through these ops never free themselves: the core
 * does it ({@code needs_free_netdev}).
 */
public interface RtnlLinkOps {

    /** The link type, e.g. {@code "vlan"}. */
    String kind();

    /** The private area of a new device ({@code priv_size}); {@code null} for none. */
    default Object createPriv(NetDevice dev) {
        return null;
    }

    /** {@code setup}: called by {@code alloc_netdev()}; usually sets {@code needs_free_netdev}. */
    void setup(NetDevice dev);

    /**
     * {@code newlink}: finishes the device and registers it. Under rtnl. Returns 0 or a negative errno; on
     * failure the device is freed by {@code rtnl_newlink()}.
     */
    default int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
        return Dev.registerNetdevice(dev);
    }

    /**
     * {@code changelink} ({@code ip link set DEV type KIND ARGS}): applies the type's attributes to an existing
     * device. Under rtnl. Returns 0 or a negative errno; the default is a type without one: -EOPNOTSUPP.
     */
    default int changelink(NetDevice dev, LinkAttrs attrs) {
        return -Errno.EOPNOTSUPP;
    }

    /** {@code dellink}: queues the device (and whatever goes with it) for unregistration. Under rtnl. */
    default void dellink(NetDevice dev, List<NetDevice> head) {
        Dev.unregisterNetdeviceQueue(dev, head);
    }
}
