package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Network namespaces ({@code net/core/net_namespace.c}): creation with a loopback device, dismantling with
 * {@code cleanup_net()}, and moving a device between namespaces ({@code dev_change_net_namespace()}).
 *
 * <p>{@code ip netns del} only removes the namespace's name and drops the reference it held; the namespace is
 * dismantled later, by {@code cleanup_net()} on the ordered {@code netns} workqueue, for every namespace whose
 * last reference went since it last ran, in one batch ({@code default_device_exit_batch()}). A reference leaked
 * in that namespace therefore hangs the {@code netns} kworker in {@code netdev_run_todo()}, not the command, and
 * every later namespace cleanup waits behind it. {@code cleanup_net()} holds {@code pernet_ops_rwsem} for
 * reading throughout, so module removal ({@code rtnl_link_unregister()}) waits for it too.
 */
final class Namespaces {
    private Namespaces() {}

    static Net create(Kernel kernel, String name) {
        Net net = new Net(kernel, name);
        kernel.pernetOpsRwsem().readLock().lock(); // setup_net()
        try {
            kernel.addNamespace(net);
            NetDevice lo = Registration.allocNetdev(net, "lo", null, Namespaces::loopbackSetup);
            kernel.rtnl().lock();
            try {
                Registration.registerNetdevice(lo);
                DeviceState.open(lo);
            } finally {
                kernel.rtnl().unlock();
            }
            net.loopback = lo;
        } finally {
            kernel.pernetOpsRwsem().readLock().unlock();
        }
        return net;
    }

    /** {@code loopback_setup()}: a namespace-local device of type loopback that the core frees. */
    private static void loopbackSetup(NetDevice lo) {
        lo.type = DeviceType.LOOPBACK;
        lo.devAddr = MacAddress.ZERO;
        lo.setMtu(65536, 0, 0);
        lo.setFlag(IfFlag.LOOPBACK, true);
        lo.setNetnsLocal(true);
        lo.setNeedsFreeNetdev(true);
    }

    /** The namespace of that name ({@code /var/run/netns/NAME}), or {@code null}. */
    static Net find(Kernel kernel, String name) {
        return kernel.namespaces().stream().filter(n -> n.named && n.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * {@code ip netns del}: the name goes at once (a new namespace may take it); the namespace is queued for
     * {@code cleanup_net()} and this returns without waiting.
     */
    static void delete(Net net) {
        Kernel kernel = net.kernel();
        if (net == kernel.initNet()) {
            throw kernel.log().bug(null, "init_net cannot be dismantled", "init_net lives as long as the kernel");
        }
        synchronized (kernel.cleanupList) {
            if (!net.named) {
                return;
            }
            net.named = false;
            kernel.cleanupList.add(net); // __put_net(): llist_add(&net->cleanup_list, &cleanup_list)
        }
        Dev.queueWork(kernel.netnsWq(), kernel.netCleanupWork);
    }

    /** {@code cleanup_net()}: the work function; dismantles every namespace queued since its last run. */
    static void cleanupNet(Kernel kernel) {
        List<Net> batch;
        synchronized (kernel.cleanupList) {
            batch = new ArrayList<>(kernel.cleanupList);
            kernel.cleanupList.clear();
        }
        if (batch.isEmpty()) {
            return;
        }
        kernel.pernetOpsRwsem().readLock().lock();
        try {
            defaultDeviceExitBatch(kernel, batch);
            for (Net net : batch) {
                net.dismantled = true;
                kernel.removeNamespace(net);
            }
        } finally {
            kernel.pernetOpsRwsem().readLock().unlock();
        }
    }

    /**
     * {@code default_device_exit_batch()}: devices of a driver without link ops (physical ones) go back to
     * {@code init_net} ({@code default_device_exit_net()}); every other device is deleted, in reverse order of
     * registration ({@code lo} last), through its link type's {@code dellink} where it has one, all in one
     * {@code unregister_netdevice_many()}; then {@code rtnl_unlock()} waits for them all.
     */
    private static void defaultDeviceExitBatch(Kernel kernel, List<Net> nets) {
        kernel.rtnl().lock();
        try {
            for (Net net : nets) {
                defaultDeviceExitNet(kernel, net);
            }
            List<NetDevice> kill = new ArrayList<>();
            for (Net net : nets) {
                List<NetDevice> devices = new ArrayList<>(net.devices());
                Collections.reverse(devices);
                for (NetDevice dev : devices) {
                    if (dev.regState != RegState.REGISTERED || kill.contains(dev)) {
                        continue; // already queued by a dellink that takes its peer along (veth)
                    }
                    if (dev.rtnlLinkOps() != null) {
                        dev.rtnlLinkOps().dellink(dev, kill);
                    } else {
                        Unregistration.unregisterNetdeviceQueue(dev, kill);
                    }
                }
            }
            Unregistration.unregisterNetdeviceMany(kill);
        } finally {
            kernel.rtnl().unlock();
        }
    }

    /** {@code default_device_exit_net()}: push movable devices without link ops back to init_net. */
    private static void defaultDeviceExitNet(Kernel kernel, Net net) {
        for (NetDevice dev : net.devices()) {
            if (dev.netnsLocal || dev.rtnlLinkOps() != null) {
                continue;
            }
            String fallback = "dev" + dev.ifindex;
            if (kernel.initNet().findByName(fallback) != null) {
                fallback = "dev%d";
            }
            int err = changeNetNamespace(dev, kernel.initNet(), fallback);
            if (err < 0) {
                throw kernel.log().bug(dev, "default_device_exit_net", "failed to move " + dev.name
                        + " to init_net: " + err);
            }
        }
    }

    /** {@code dev_change_net_namespace(dev, net, NULL)}. */
    static int changeNetNamespace(NetDevice dev, Net target) {
        return changeNetNamespace(dev, target, null);
    }

    /**
     * {@code __dev_change_net_namespace()}: the device leaves its namespace and is registered again in another,
     * staying {@code NETREG_REGISTERED} throughout: the {@code NETDEV_UNREGISTER} it sends is one that
     * stacked drivers must tell from a real unregistration ("twiddle thumbs on netns device moves").
     *
     * @param pattern the name to take if the device's own is in use in {@code target} (a {@code %d} template
     *                allowed), or {@code null} to fail with -EEXIST
     */
    static int changeNetNamespace(NetDevice dev, Net target, String pattern) {
        Kernel kernel = dev.kernel;
        kernel.rtnl().assertRtnl("dev_change_net_namespace");
        if (dev.netnsLocal || dev == dev.net.loopback) {
            return -Errno.EINVAL;
        }
        if (dev.regState != RegState.REGISTERED) {
            return -Errno.EINVAL;
        }
        if (dev.net == target) {
            return 0;
        }
        String newName = null;
        if (target.findByName(dev.name) != null) {
            if (pattern == null) {
                return -Errno.EEXIST;
            }
            String[] picked = new String[1];
            int err = DeviceNames.pick(target, pattern, picked);
            if (err < 0) {
                return err;
            }
            newName = picked[0];
        }
        for (String alt : dev.altnames) {
            if (target.findByName(alt) != null) {
                return -Errno.EEXIST; // "Check that none of the altnames conflicts."
            }
        }
        DeviceState.close(dev);
        dev.net.unlist(dev);
        kernel.rcu().synchronizeNet();
        kernel.notifiers().call(NetdevEvent.UNREGISTER, dev);
        kernel.rcu().rcuBarrier();
        dev.net = target;
        if (target.findByIndex(dev.ifindex) != null) {
            dev.ifindex = target.newIndex();
        }
        if (newName != null) {
            dev.setName(newName);
        }
        target.list(dev);
        kernel.notifiers().call(NetdevEvent.REGISTER, dev);
        return 0;
    }
}
