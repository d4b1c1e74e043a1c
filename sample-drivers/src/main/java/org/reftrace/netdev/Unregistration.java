package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code unregister_netdevice_queue()}, {@code unregister_netdevice_many()} and the pre-2021
 * {@code rollback_registered()}: the half of unregistration that runs under rtnl: close, unlist,
 * {@code NETDEV_UNREGISTER}, {@code NETDEV_PRE_UNINIT} (v6.2+), {@code ndo_uninit}, the check that no upper or
 * lower device is still linked, the registration reference. The other half (the wait,
 * the destructor, the free) runs in {@link TodoRunner} after rtnl is released.
 */
final class Unregistration {
    private Unregistration() {}

    static void unregisterNetdeviceQueue(NetDevice dev, List<NetDevice> head) {
        dev.kernel.rtnl().assertRtnl("unregister_netdevice_queue");
        if (head != null) {
            head.remove(dev);
            head.add(dev);
        } else {
            unregisterNetdeviceMany(new ArrayList<>(List.of(dev)));
        }
    }

    static void unregisterNetdeviceMany(List<NetDevice> head) {
        for (NetDevice dev : unregisterUnderRtnl(head, "unregister_netdevice_many")) {
            Kernel kernel = dev.kernel;
            synchronized (kernel.todoList) {
                kernel.todoList.add(dev); // net_set_todo()
            }
        }
        head.clear();
    }

    /** {@code rollback_registered()}: everything {@code unregister_netdevice_many()} did, except the todo list. */
    static void rollbackRegistered(NetDevice dev) {
        unregisterUnderRtnl(new ArrayList<>(List.of(dev)), "rollback_registered");
    }

    /** The shared part: close, unlist, notify, uninit, drop the registration reference. Returns what it took. */
    private static List<NetDevice> unregisterUnderRtnl(List<NetDevice> head, String function) {
        List<NetDevice> devices = new ArrayList<>();
        for (NetDevice dev : head) {
            Kernel kernel = dev.kernel;
            kernel.rtnl().assertRtnl(function);
            if (!Memory.isLive(dev, function)) {
                continue;
            }
            if (dev.regState == RegState.UNINITIALIZED) {
                // Some callers unregister devices they never registered, to unwind their own set-up.
                kernel.log().warn(dev, "unregister_netdevice: device " + dev.name + "/" + dev.pointer()
                        + " never was registered");
                continue;
            }
            if (dev.regState != RegState.REGISTERED) {
                throw kernel.log().bug(dev, "unregister of a device not NETREG_REGISTERED",
                        "device " + dev.name + " is " + dev.regState.kernelName());
            }
            devices.add(dev);
        }
        for (NetDevice dev : devices) {
            if (dev.up) {
                DeviceState.close(dev);
            }
        }
        for (NetDevice dev : devices) {
            dev.net.unlist(dev);
            dev.regState = RegState.UNREGISTERING;
        }
        for (NetDevice dev : devices) {
            dev.kernel.rcu().synchronizeNet();
            dev.kernel.notifiers().call(NetdevEvent.UNREGISTER, dev);
            dev.kernel.notifiers().call(NetdevEvent.PRE_UNINIT, dev);
            dev.netdevOps().ndoUninit(dev);
            if (!dev.upperList.isEmpty() || !dev.lowerList.isEmpty()) {
                // "Notifier chain MUST detach us all upper devices."
                dev.kernel.log().warn(dev, "at net/core/dev.c unregister_netdevice_many_notify: " + dev.name
                        + " still linked to " + Adjacency.uppers(dev) + " (upper) and " + Adjacency.lowers(dev)
                        + " (lower)");
            }
            Memory.kobjectGet(dev); // netdev_unregister_kobject(): dropped by the todo runner's kobject_put
        }
        for (NetDevice dev : devices) {
            References.netdevPut(dev, dev.registeredTracker);
        }
        return devices;
    }
}
