package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.netdev.AddrAssignType;
import org.reftrace.netdev.DeviceType;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.ExtAck;
import org.reftrace.netdev.IfFlag;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.MacAddress;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevNotifier;
import org.reftrace.netdev.NetdevOps;
import org.reftrace.netdev.NetdevTracker;
import org.reftrace.netdev.PrivFlag;

/**
 * {@code net/bridge}: a master device whose ports are lower devices. A port holds its device from
 * {@code br_add_if} until an RCU callback after {@code br_del_if}, besides the master link's adjacency
 * references; a port whose device is unregistered, or leaves the namespace, is removed by the bridge's notifier.
 * The bridge has carrier while a port is up with carrier (the model has no STP: ports forward at once), and takes
 * the lowest port address unless one was set. A bridge may not change namespace.
 *
 * <p>Attributes (accepted and kept; the model forwards nothing): {@code forward_delay}, {@code hello_time},
 * {@code max_age}, {@code ageing_time}, {@code stp_state}, {@code priority}, {@code vlan_filtering},
 * {@code vlan_protocol}, {@code vlan_default_pvid}, {@code mcast_snooping}, {@code mcast_querier},
 * {@code group_fwd_mask}, {@code nf_call_iptables}, {@code nf_call_ip6tables}, {@code nf_call_arptables}.
 */
public final class Bridge implements UpperLinkDriver {
    /** The attributes {@code ip link add/set ... type bridge} accepts. */
    public static final List<String> OPTIONS = List.of("forward_delay", "hello_time", "max_age", "ageing_time",
            "stp_state", "priority", "vlan_filtering", "vlan_protocol", "vlan_default_pvid", "mcast_snooping",
            "mcast_querier", "group_fwd_mask", "nf_call_iptables", "nf_call_ip6tables", "nf_call_arptables",
            "mcast_router", "mcast_igmp_version", "mcast_mld_version", "vlan_stats_enabled", "fdb_max_learned");

    /** {@code struct net_bridge_port}: holds its device through its own tracker. */
    public static final class BridgePort {
        final NetDevice bridge;
        final NetDevice dev;
        final NetdevTracker devTracker = new NetdevTracker();

        BridgePort(NetDevice bridge, NetDevice dev) {
            this.bridge = bridge;
            this.dev = dev;
        }
    }

    /** {@code struct net_bridge}: the ports and the options. */
    public static final class BridgePriv {
        final List<BridgePort> ports = new CopyOnWriteArrayList<>();
        final Map<String, String> options = new ConcurrentHashMap<>();
    }

    /** Which bridge each port device belongs to ({@code br_port_get_rtnl}). */
    private final Map<NetDevice, BridgePort> portsByDev = new ConcurrentHashMap<>();
    private final NetdevNotifier notifier = this::brDeviceEvent;

    private final NetdevOps ops = new NetdevOps() {
        /** {@code br_dev_open()}. */
        @Override
        public int ndoOpen(NetDevice bridge) {
            brCarrierCheck(bridge);
            return 0;
        }

        @Override
        public int ndoSetMacAddress(NetDevice bridge, MacAddress addr) {
            if (!addr.isValidEther()) {
                return -Errno.EADDRNOTAVAIL;
            }
            devAddrSet(bridge, addr);
            return 0;
        }

        @Override
        public int ndoAddSlave(NetDevice bridge, NetDevice dev) {
            return addInterface(bridge, dev);
        }

        @Override
        public int ndoDelSlave(NetDevice bridge, NetDevice dev) {
            return deleteInterface(dev);
        }
    };

    @Override
    public String kind() {
        return "bridge";
    }

    @Override
    public NetdevNotifier lowerDeviceNotifier() {
        return notifier;
    }

    /** {@code br_deinit()}: {@code br_netlink_fini()} before {@code unregister_netdevice_notifier()}. */
    @Override
    public void exit(Kernel kernel) {
        rtnlLinkUnregister(kernel, this);
        unregisterNetdeviceNotifier(kernel, lowerDeviceNotifier());
    }

    @Override
    public Object createPriv(NetDevice dev) {
        return new BridgePriv();
    }

    /** {@code br_dev_setup()}. */
    @Override
    public void setup(NetDevice dev) {
        dev.setNetdevOps(ops);
        etherSetup(dev);
        ethHwAddrRandom(dev);
        dev.setPrivFlag(PrivFlag.EBRIDGE, true);
        dev.setPrivFlag(PrivFlag.NO_QUEUE, true);
        dev.setMtu(1500, 68, 65535);
        dev.setNetnsLocal(true);
        dev.setNeedsFreeNetdev(true);
    }

    /** {@code br_dev_newlink()}: the options, then registration; no carrier until a port has one. */
    @Override
    public int newlink(org.reftrace.netdev.Net net, NetDevice dev, LinkAttrs attrs) {
        int err = changelink(dev, attrs);
        if (err < 0) {
            return err;
        }
        netifCarrierOff(dev);
        return registerNetdevice(dev);
    }

    /** {@code br_changelink()}: the options are kept as given. */
    @Override
    public int changelink(NetDevice dev, LinkAttrs attrs) {
        for (Map.Entry<String, String> option : attrs.data().entrySet()) {
            if (!OPTIONS.contains(option.getKey())) {
                return -Errno.EOPNOTSUPP;
            }
            dev.priv(BridgePriv.class).options.put(option.getKey(), option.getValue());
        }
        return 0;
    }

    /** {@code br_add_if()} ({@code ip link set DEV master BRIDGE}), under rtnl. */
    public int addInterface(NetDevice bridge, NetDevice dev) {
        if (bridge.rtnlLinkOps() != this) {
            return -Errno.EINVAL;
        }
        if (dev.hasFlag(IfFlag.LOOPBACK) || dev.type() != DeviceType.ETHER || !dev.devAddr().isValidEther()) {
            return -Errno.EINVAL;
        }
        if (dev.rtnlLinkOps() == this) {
            ExtAck.set("Can not enslave a bridge to a bridge");
            return -Errno.ELOOP;
        }
        if (netdevMasterUpperDevGet(dev) != null || portsByDev.containsKey(dev)) {
            ExtAck.set("Device is already enslaved");
            return -Errno.EBUSY;
        }
        if (dev.hasPrivFlag(PrivFlag.DONT_BRIDGE)) {
            return -Errno.EOPNOTSUPP;
        }
        BridgePort port = new BridgePort(bridge, dev);
        netdevHold(dev, port.devTracker); // new_nbp()
        dev.setPrivFlag(PrivFlag.BRIDGE_PORT, true);
        int err = netdevMasterUpperDevLink(dev, bridge, null, null);
        if (err < 0) {
            dev.setPrivFlag(PrivFlag.BRIDGE_PORT, false);
            netdevPut(dev, port.devTracker);
            return err;
        }
        bridge.priv(BridgePriv.class).ports.add(port);
        portsByDev.put(dev, port);
        brStpRecalculateBridgeId(bridge);
        brCarrierCheck(bridge);
        return 0;
    }

    /** {@code br_del_if()} ({@code ip link set DEV nomaster}), under rtnl. */
    public int deleteInterface(NetDevice dev) {
        BridgePort port = portsByDev.remove(dev);
        if (port == null) {
            return -Errno.EINVAL;
        }
        delNbp(port);
        brStpRecalculateBridgeId(port.bridge);
        brCarrierCheck(port.bridge);
        return 0;
    }

    /** {@code del_nbp()}: unlinked now; the port's own reference goes after a grace period. */
    private void delNbp(BridgePort port) {
        port.bridge.priv(BridgePriv.class).ports.remove(port);
        port.dev.setPrivFlag(PrivFlag.BRIDGE_PORT, false);
        netdevUpperDevUnlink(port.dev, port.bridge);
        // destroy_nbp_rcu(): readers may still see the port until a grace period has passed
        port.dev.kernel().rcu().callRcu(() -> netdevPut(port.dev, port.devTracker));
    }

    /** The bridge {@code dev} is a port of, or {@code null}. */
    public NetDevice masterOf(NetDevice dev) {
        BridgePort port = portsByDev.get(dev);
        return port == null ? null : port.bridge;
    }

    /** {@code br_dev_delete()}: every port is removed, then the bridge is queued. */
    @Override
    public void dellink(NetDevice bridge, List<NetDevice> head) {
        for (BridgePort port : bridge.priv(BridgePriv.class).ports) {
            portsByDev.remove(port.dev);
            delNbp(port);
        }
        unregisterNetdeviceQueue(bridge, head);
    }

    /**
     * {@code br_stp_recalculate_bridge_id()}: a bridge whose address was not set takes the lowest of its ports'
     * ({@code NETDEV_CHANGEADDR}).
     */
    private static void brStpRecalculateBridgeId(NetDevice bridge) {
        if (bridge.addrAssignType() == AddrAssignType.SET) {
            return;
        }
        MacAddress lowest = null;
        for (BridgePort p : bridge.priv(BridgePriv.class).ports) {
            if (lowest == null || p.dev.devAddr().toString().compareTo(lowest.toString()) < 0) {
                lowest = p.dev.devAddr();
            }
        }
        if (lowest != null && !lowest.equals(bridge.devAddr())) {
            devAddrSet(bridge, lowest);
            callNetdeviceNotifiers(NetdevEvent.CHANGEADDR, bridge);
        }
    }

    /** {@code br_port_carrier_check()} for the whole bridge: carrier while a port is up with carrier. */
    private static void brCarrierCheck(NetDevice bridge) {
        boolean any = bridge.priv(BridgePriv.class).ports.stream().anyMatch(p -> p.dev.isUp() && p.dev.carrierOk());
        if (any) {
            netifCarrierOn(bridge);
        } else {
            netifCarrierOff(bridge);
        }
    }

    /** {@code br_device_event()}: a port's device going away (or moving) leaves the bridge. */
    private int brDeviceEvent(NetdevEvent event, NetDevice dev) {
        BridgePort port = portsByDev.get(dev);
        if (port == null) {
            return 0;
        }
        switch (event) {
            case UNREGISTER -> deleteInterface(dev);
            case CHANGE, UP, DOWN -> brCarrierCheck(port.bridge);
            default -> { }
        }
        return 0;
    }
}
