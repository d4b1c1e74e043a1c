package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevNotifier;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code net/bridge}: an upper device whose ports are lower devices. Each port holds its device from
 * {@code br_add_if} until an RCU callback after {@code br_del_if}; a port whose device is unregistered is
 * removed by the bridge's notifier.
 */
public final class Bridge implements UpperLinkDriver {

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

    /** {@code struct net_bridge}: the ports. */
    public static final class BridgePriv {
        final List<BridgePort> ports = new CopyOnWriteArrayList<>();
    }

    /** Which bridge each port device belongs to ({@code netdev_master_upper_dev_get}). */
    private final Map<NetDevice, BridgePort> portsByDev = new ConcurrentHashMap<>();
    private final NetdevNotifier notifier = this::brDeviceEvent;

    @Override
    public String kind() {
        return "bridge";
    }

    @Override
    public NetdevNotifier lowerDeviceNotifier() {
        return notifier;
    }

    @Override
    public Object createPriv(NetDevice dev) {
        return new BridgePriv();
    }

    @Override
    public void setup(NetDevice dev) {
        dev.setNeedsFreeNetdev(true);
    }

    /** {@code br_add_if()} ({@code ip link set DEV master BRIDGE}), under rtnl. */
    public int addInterface(NetDevice bridge, NetDevice dev) {
        if (bridge.rtnlLinkOps() != this || dev == bridge) {
            return -Errno.EINVAL;
        }
        if (portsByDev.containsKey(dev)) {
            return -Errno.EBUSY;
        }
        BridgePort port = new BridgePort(bridge, dev);
        netdevHold(dev, port.devTracker);
        bridge.priv(BridgePriv.class).ports.add(port);
        portsByDev.put(dev, port);
        return 0;
    }

    /** {@code br_del_if()} ({@code ip link set DEV nomaster}), under rtnl. */
    public int deleteInterface(NetDevice dev) {
        BridgePort port = portsByDev.remove(dev);
        if (port == null) {
            return -Errno.EINVAL;
        }
        port.bridge.priv(BridgePriv.class).ports.remove(port);
        // destroy_nbp_rcu(): readers may still see the port until a grace period has passed
        dev.kernel().rcu().callRcu(() -> netdevPut(port.dev, port.devTracker));
        return 0;
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
            deleteInterface(port.dev);
        }
        unregisterNetdeviceQueue(bridge, head);
    }

    /** {@code br_device_event()}: a port's device going away leaves the bridge. */
    private int brDeviceEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.UNREGISTER && portsByDev.containsKey(dev)) {
            deleteInterface(dev);
        }
        return 0;
    }
}
