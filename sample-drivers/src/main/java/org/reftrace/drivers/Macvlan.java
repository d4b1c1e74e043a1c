package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.Errno;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevOps;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code drivers/net/macvlan.c}: a device stacked on a lower device, which it holds (the adjacency reference)
 * from {@code ndo_init} to {@code ndo_uninit}. Its {@code newlink} registers the device and only then applies
 * the source-MAC list, unregistering again if that fails: the path that made {@code rtnl_newlink()} free a
 * device that was still unregistering (0e0eee2465df).
 */
public final class Macvlan implements LinkDriver {

    /** {@code struct macvlan_dev}. */
    public static final class MacvlanDev {
        NetDevice lowerDev;
        final NetdevTracker lowerTracker = new NetdevTracker();
    }

    private static final NetdevOps OPS = new NetdevOps() {
        @Override
        public int ndoInit(NetDevice dev) {
            MacvlanDev vlan = dev.priv(MacvlanDev.class);
            netdevHold(vlan.lowerDev, vlan.lowerTracker);
            return 0;
        }

        @Override
        public void ndoUninit(NetDevice dev) {
            MacvlanDev vlan = dev.priv(MacvlanDev.class);
            netdevPut(vlan.lowerDev, vlan.lowerTracker);
        }
    };

    @Override
    public String kind() {
        return "macvlan";
    }

    @Override
    public Object createPriv(NetDevice dev) {
        return new MacvlanDev();
    }

    @Override
    public void setup(NetDevice dev) {
        dev.setNetdevOps(OPS);
        dev.setNeedsFreeNetdev(true);
    }

    /** {@code macvlan_common_newlink()}. */
    @Override
    public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
        NetDevice lower = attrs.link() == null ? null : __devGetByName(net, attrs.link());
        if (lower == null) {
            return -Errno.ENODEV;
        }
        dev.priv(MacvlanDev.class).lowerDev = lower;
        int err = registerNetdevice(dev);
        if (err < 0) {
            return err;
        }
        err = changelinkSources(attrs);
        if (err < 0) {
            unregisterNetdevice(dev); // unregister_netdev: the device was already visible
        }
        return err;
    }

    /** {@code macvlan_changelink_sources()}: {@code mode source macaddr add ADDR} needs a valid address. */
    private static int changelinkSources(LinkAttrs attrs) {
        String mac = attrs.get("macaddr");
        if ("source".equals(attrs.get("mode")) && (mac == null || !mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"))) {
            return -Errno.EINVAL;
        }
        return 0;
    }
}
