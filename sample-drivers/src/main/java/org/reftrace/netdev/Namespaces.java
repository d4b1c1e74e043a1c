package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.List;

/**
 * Network namespaces ({@code net/core/net_namespace.c}): creation with a loopback device, dismantling with
 * {@code default_device_exit_batch()}, and moving a device between namespaces
 * ({@code dev_change_net_namespace()}).
 */
final class Namespaces {
    private Namespaces() {}

    static Net create(Kernel kernel, String name) {
        Net net = new Net(kernel, name);
        kernel.addNamespace(net);
        NetDevice lo = Registration.allocNetdev(net, "lo", null, dev -> dev.setNeedsFreeNetdev(true));
        kernel.rtnl().lock();
        try {
            Registration.registerNetdevice(lo);
            DeviceState.open(lo);
        } finally {
            kernel.rtnl().unlock();
        }
        net.loopback = lo;
        return net;
    }

    static Net find(Kernel kernel, String name) {
        return kernel.namespaces().stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * {@code cleanup_net()}: every device of the namespace is deleted (through its link type's
     * {@code dellink} where it has one) and {@code lo} goes last; then the todo list waits for them all.
     * Model simplification: devices without link ops are deleted too, where the kernel would move physical
     * devices back to {@code init_net}.
     */
    static void dismantle(Net net) {
        Kernel kernel = net.kernel();
        if (net == kernel.initNet()) {
            throw kernel.log().bug(null, "init_net cannot be dismantled", "init_net lives as long as the kernel");
        }
        kernel.rtnl().lock();
        try {
            List<NetDevice> kill = new ArrayList<>();
            List<NetDevice> devices = new ArrayList<>(net.devices());
            java.util.Collections.reverse(devices);
            for (NetDevice dev : devices) {
                if (dev == net.loopback) {
                    continue;
                }
                if (dev.rtnlLinkOps() != null) {
                    dev.rtnlLinkOps().dellink(dev, kill);
                } else {
                    Unregistration.unregisterNetdeviceQueue(dev, kill);
                }
            }
            Unregistration.unregisterNetdeviceQueue(net.loopback, kill);
            Unregistration.unregisterNetdeviceMany(kill);
            net.dismantled = true;
            kernel.removeNamespace(net);
        } finally {
            kernel.rtnl().unlock();
        }
    }

    /** {@code dev_change_net_namespace()}: the device leaves one namespace and registers in another. */
    static int changeNetNamespace(NetDevice dev, Net target) {
        Kernel kernel = dev.kernel;
        kernel.rtnl().assertRtnl("dev_change_net_namespace");
        if (dev.net == target) {
            return 0;
        }
        if (dev.regState != RegState.REGISTERED || dev == dev.net.loopback) {
            return -Errno.EINVAL;
        }
        if (target.findByName(dev.name) != null) {
            return -Errno.EEXIST;
        }
        DeviceState.close(dev);
        dev.net.unlist(dev);
        kernel.rcu().synchronizeNet();
        kernel.notifiers().call(NetdevEvent.UNREGISTER, dev);
        dev.net = target;
        if (target.findByIndex(dev.ifindex) != null) {
            dev.ifindex = target.newIndex();
        }
        target.list(dev);
        kernel.notifiers().call(NetdevEvent.REGISTER, dev);
        return 0;
    }
}
