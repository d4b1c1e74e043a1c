package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code struct net}: a network namespace with its own device list, ifindex space and loopback device.
 *
 * <p>The lists change under rtnl and are read from any thread, as the kernel reads them under RCU.
 */
public final class Net {
    private final Kernel kernel;
    private final String name;
    private final Map<String, NetDevice> byName = new ConcurrentHashMap<>();
    private final Map<Integer, NetDevice> byIndex = new ConcurrentHashMap<>();
    private final AtomicInteger lastIfindex = new AtomicInteger();
    volatile NetDevice loopback;
    /** Whether {@code /var/run/netns/NAME} still names it; {@code ip netns del} removes the name at once. */
    volatile boolean named = true;
    volatile boolean dismantled;

    Net(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
    }

    /** The namespace's name ({@code init_net} for the initial one). */
    public String name() {
        return name;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** {@code net->loopback_dev}. */
    public NetDevice loopback() {
        return loopback;
    }

    /** The listed devices, in ifindex order. */
    public List<NetDevice> devices() {
        List<NetDevice> devices = new ArrayList<>(byIndex.values());
        devices.sort(java.util.Comparator.comparingInt(NetDevice::ifindex));
        return devices;
    }

    /** {@code netdev_name_node_lookup()}: by name or alternative name. */
    NetDevice findByName(String devName) {
        return byName.get(devName);
    }

    NetDevice findByIndex(int ifindex) {
        return byIndex.get(ifindex);
    }

    /** {@code dev_new_index()}: the next free ifindex in this namespace. */
    int newIndex() {
        while (true) {
            int candidate = lastIfindex.incrementAndGet();
            if (!byIndex.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    /** {@code list_netdevice()}: from here the device is found by lookups. */
    void list(NetDevice dev) {
        byName.put(dev.name, dev);
        dev.altnames.forEach(alt -> byName.put(alt, dev));
        byIndex.put(dev.ifindex, dev);
    }

    /** {@code unlist_netdevice()}: the name and the alternative names go with it. */
    void unlist(NetDevice dev) {
        byName.remove(dev.name, dev);
        dev.altnames.forEach(alt -> byName.remove(alt, dev));
        byIndex.remove(dev.ifindex, dev);
    }

    /** An alternative name joins the device's names in this namespace's name hash. */
    void listAltname(NetDevice dev, String altname) {
        byName.put(altname, dev);
    }

    void unlistAltname(NetDevice dev, String altname) {
        byName.remove(altname, dev);
    }

    /** Whether {@code cleanup_net()} has dismantled it. Model-only. */
    public boolean isDismantled() {
        return dismantled;
    }

    @Override
    public String toString() {
        return name;
    }
}
