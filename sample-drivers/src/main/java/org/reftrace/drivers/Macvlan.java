package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.ExtAck;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.MacAddress;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevNotifier;
import org.reftrace.netdev.NetdevOps;
import org.reftrace.netdev.NetdevTracker;
import org.reftrace.netdev.PrivFlag;
import org.reftrace.netdev.RegState;

/**
 * {@code drivers/net/macvlan.c}: a device stacked on a lower device, which it holds (the adjacency reference and
 * its own, from {@code ndo_init} to {@code ndo_uninit}) and whose carrier it follows. When the lower device is
 * unregistered its macvlans are deleted with it ({@code macvlan_device_event()}; a lower device only changing
 * namespace is left alone). Its {@code newlink} registers the device and only then applies the source-MAC list,
 * unregistering again if that fails: the path that made {@code rtnl_newlink()} free a device that was still
 * unregistering (0e0eee2465df).
 *
 * <p>Attributes: {@code mode} ({@code private}, {@code vepa}, {@code bridge}, {@code passthru}, {@code source}),
 * {@code macaddr} (for {@code mode source}).
 */
public final class Macvlan implements UpperLinkDriver {
    private static final Set<String> MODES = Set.of("private", "vepa", "bridge", "passthru", "source");

    /** {@code struct macvlan_dev}. */
    public static final class MacvlanDev {
        NetDevice lowerDev;
        final NetdevTracker lowerTracker = new NetdevTracker();
        String mode = "vepa";
    }

    /** {@code struct macvlan_port}, one per lower device: its macvlans. */
    private final Map<NetDevice, List<NetDevice>> ports = new ConcurrentHashMap<>();
    private final NetdevNotifier notifier = this::macvlanDeviceEvent;

    private static final NetdevOps OPS = new NetdevOps() {
        /** {@code macvlan_init()}: the macvlan's reference to its lower device. */
        @Override
        public int ndoInit(NetDevice dev) {
            MacvlanDev vlan = dev.priv(MacvlanDev.class);
            netdevHold(vlan.lowerDev, vlan.lowerTracker);
            return 0;
        }

        /** {@code macvlan_uninit()}. */
        @Override
        public void ndoUninit(NetDevice dev) {
            MacvlanDev vlan = dev.priv(MacvlanDev.class);
            netdevPut(vlan.lowerDev, vlan.lowerTracker);
        }

        @Override
        public int ndoSetMacAddress(NetDevice dev, MacAddress addr) {
            return ethMacAddr(dev, addr);
        }

        @Override
        public int ndoGetIflink(NetDevice dev) {
            return dev.priv(MacvlanDev.class).lowerDev.ifindex();
        }
    };

    @Override
    public String kind() {
        return "macvlan";
    }

    @Override
    public NetdevNotifier lowerDeviceNotifier() {
        return notifier;
    }

    /** {@code macvlan_cleanup_module()}: the link type goes first, then the notifier. */
    @Override
    public void exit(Kernel kernel) {
        rtnlLinkUnregister(kernel, this);
        unregisterNetdeviceNotifier(kernel, lowerDeviceNotifier());
    }

    @Override
    public Object createPriv(NetDevice dev) {
        return new MacvlanDev();
    }

    /** {@code macvlan_setup()}. */
    @Override
    public void setup(NetDevice dev) {
        dev.setNetdevOps(OPS);
        etherSetup(dev);
        dev.setPrivFlag(PrivFlag.LIVE_ADDR_CHANGE, true);
        dev.setNeedsFreeNetdev(true);
    }

    /** {@code macvlan_common_newlink()}. */
    @Override
    public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
        NetDevice lower = attrs.link() == null ? null : __devGetByName(net, attrs.link());
        if (lower == null) {
            return attrs.link() == null ? -Errno.EINVAL : -Errno.ENODEV;
        }
        if (lower.hasPrivFlag(PrivFlag.MACVLAN)) {
            lower = lower.priv(MacvlanDev.class).lowerDev; // a macvlan on a macvlan uses the real device
        }
        String mode = attrs.get("mode") == null ? "vepa" : attrs.get("mode");
        if (!MODES.contains(mode)) {
            return -Errno.EINVAL;
        }
        if (attrs.mtu() == 0) {
            dev.setMtu(lower.mtu());
        } else if (attrs.mtu() > lower.mtu()) {
            return -Errno.EINVAL;
        }
        if (attrs.address() == null) {
            ethHwAddrRandom(dev);
        }
        MacvlanDev vlan = dev.priv(MacvlanDev.class);
        vlan.lowerDev = lower;
        vlan.mode = mode;
        int err = registerNetdevice(dev);
        if (err < 0) {
            return err;
        }
        dev.setPrivFlag(PrivFlag.MACVLAN, true);
        err = netdevUpperDevLink(lower, dev);
        if (err < 0) {
            unregisterNetdevice(dev);
            return err;
        }
        lower.setPrivFlag(PrivFlag.MACVLAN_PORT, true); // macvlan_port_create()
        ports.computeIfAbsent(lower, d -> new CopyOnWriteArrayList<>()).add(dev);
        netifStackedTransferOperstate(lower, dev);
        err = changelinkSources(attrs);
        if (err < 0) {
            leavePort(dev);
            netdevUpperDevUnlink(lower, dev);
            unregisterNetdevice(dev); // unregister_netdev: the device was already visible
        }
        return err;
    }

    /** {@code macvlan_changelink()}: the mode. */
    @Override
    public int changelink(NetDevice dev, LinkAttrs attrs) {
        String mode = attrs.get("mode");
        if (mode != null) {
            if (!MODES.contains(mode)) {
                return -Errno.EINVAL;
            }
            dev.priv(MacvlanDev.class).mode = mode;
        }
        return changelinkSources(attrs);
    }

    /** {@code macvlan_changelink_sources()}: {@code mode source macaddr add ADDR} needs a valid address. */
    private static int changelinkSources(LinkAttrs attrs) {
        String mac = attrs.get("macaddr");
        if ("source".equals(attrs.get("mode")) && (mac == null || !mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"))) {
            ExtAck.set("Invalid source MAC address");
            return -Errno.EINVAL;
        }
        return 0;
    }

    /** {@code macvlan_dellink()}. */
    @Override
    public void dellink(NetDevice dev, List<NetDevice> head) {
        leavePort(dev);
        unregisterNetdeviceQueue(dev, head);
        netdevUpperDevUnlink(dev.priv(MacvlanDev.class).lowerDev, dev);
    }

    private void leavePort(NetDevice dev) {
        NetDevice lower = dev.priv(MacvlanDev.class).lowerDev;
        List<NetDevice> port = ports.get(lower);
        if (port != null) {
            port.remove(dev);
            if (port.isEmpty()) {
                ports.remove(lower);
                lower.setPrivFlag(PrivFlag.MACVLAN_PORT, false); // macvlan_port_destroy()
            }
        }
    }

    /**
     * {@code macvlan_device_event()}: the lower device's carrier follows onto its macvlans; a lower device going
     * away takes them along in one batch, one only changing namespace does not.
     */
    private int macvlanDeviceEvent(NetdevEvent event, NetDevice dev) {
        List<NetDevice> port = ports.get(dev);
        if (port == null) {
            return 0;
        }
        switch (event) {
            case UP, DOWN, CHANGE -> port.forEach(v -> netifStackedTransferOperstate(dev, v));
            case UNREGISTER -> {
                if (dev.regState() != RegState.UNREGISTERING) {
                    return 0; // "twiddle thumbs on netns device moves"
                }
                List<NetDevice> kill = new ArrayList<>();
                for (NetDevice v : List.copyOf(port)) {
                    dellink(v, kill);
                }
                unregisterNetdeviceMany(kill);
            }
            default -> { }
        }
        return 0;
    }
}
