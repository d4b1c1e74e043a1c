package org.reftrace.netdev;

import java.util.function.Consumer;
import java.util.function.Function;

/** {@code alloc_netdev()}, {@code register_netdevice()} and {@code free_netdev()} from {@code net/core/dev.c}. */
final class Registration {
    private Registration() {}

    static NetDevice allocNetdev(Net net, String name, Function<NetDevice, ?> priv, Consumer<NetDevice> setup) {
        NetDevice dev = new NetDevice(net.kernel(), net, name);
        if (priv != null) {
            dev.setPriv(priv.apply(dev));
        }
        if (setup != null) {
            setup.accept(dev);
        }
        return dev;
    }

    static NetDevice initDummyNetdev(Net net) {
        NetDevice dev = new NetDevice(net.kernel(), net, "dummy#napi");
        dev.regState = RegState.DUMMY;
        return dev;
    }

    static int registerNetdevice(NetDevice dev) {
        Kernel kernel = dev.kernel;
        kernel.rtnl().assertRtnl("register_netdevice");
        if (!Memory.isLive(dev, "register_netdevice")) {
            return -Errno.EINVAL;
        }
        if (dev.regState != RegState.UNINITIALIZED) {
            throw kernel.log().bug(dev, "register_netdevice of a device not NETREG_UNINITIALIZED",
                    "device " + dev.name + " is " + dev.regState.kernelName());
        }
        Net net = dev.net;
        int ret = DeviceNames.assign(net, dev);
        if (ret < 0) {
            return ret;
        }
        ret = dev.netdevOps().ndoInit(dev);
        if (ret != 0) {
            return ret > 0 ? -Errno.EIO : ret; // err_free_name: ndo_uninit is not called
        }
        // dev_index_reserve(): the ifindex asked for (IFLA_NEW_IFINDEX), -EBUSY when taken; else the next free one
        if (dev.ifindex > 0 && net.findByIndex(dev.ifindex) != null) {
            unwindBeforeListing(dev);
            return -Errno.EBUSY;
        }
        if (dev.ifindex <= 0) {
            dev.ifindex = net.newIndex();
        }
        ret = kernel.notifiers().call(NetdevEvent.POST_INIT, dev);
        if (ret < 0) {
            unwindBeforeListing(dev);
            return ret;
        }
        if (kernel.faults().sysfsRegistrationFails()) {
            dev.regState = RegState.UNREGISTERED; // netdev_register_kobject() failed
            unwindBeforeListing(dev);
            return -Errno.ENOMEM;
        }
        dev.regState = RegState.REGISTERED;
        LinkState.linkwatchInitDev(dev);
        References.netdevHold(dev, dev.registeredTracker);
        net.list(dev);
        if (dev.addrAssignType == AddrAssignType.PERM) {
            dev.permAddr = dev.devAddr;
        }
        ret = kernel.notifiers().call(NetdevEvent.REGISTER, dev);
        if (ret < 0) {
            unwindVeto(dev);
        }
        return ret;
    }

    /** {@code err_uninit}: the device was never listed; its private state goes now, the device stays. */
    private static void unwindBeforeListing(NetDevice dev) {
        dev.netdevOps().ndoUninit(dev);
        if (dev.privDestructor() != null) {
            dev.privDestructor().accept(dev);
        }
        dev.ifindex = 0;
    }

    /** A NETDEV_REGISTER veto: the device was visible, so it must go all the way out again. */
    private static void unwindVeto(NetDevice dev) {
        KernelConfig config = dev.kernel.config();
        if (config.has(Quirk.REGISTER_VETO_ROLLBACK)) {
            Unregistration.rollbackRegistered(dev);
            if (!config.has(Quirk.ROLLBACK_WITHOUT_RCU_BARRIER)) {
                dev.kernel.rcu().rcuBarrier();
            }
            dev.regState = RegState.UNREGISTERED;
            if (!config.has(Quirk.ROLLBACK_WITHOUT_KOBJECT_PUT)) {
                Memory.kobjectPut(dev);
            }
            return;
        }
        if (!config.has(Quirk.VETO_KEEPS_NEEDS_FREE_NETDEV)) {
            dev.setNeedsFreeNetdev(false); // expect an explicit free_netdev() by the caller
        }
        Unregistration.unregisterNetdeviceQueue(dev, null);
    }

    static void freeNetdev(NetDevice dev) {
        Kernel kernel = dev.kernel;
        if (dev.memoryReleased) {
            kernel.log().memoryError(dev, "BUG: KASAN: double-free in free_netdev on device " + dev.name + "\n"
                    + kernel.stackDepot().save().indented());
            return;
        }
        switch (dev.regState) {
            case UNREGISTERING -> {
                if (kernel.config().has(Quirk.STRICT_FREE_NETDEV)) {
                    throw kernel.log().bug(dev, "free_netdev of a device still NETREG_UNREGISTERING",
                            "device " + dev.name + " must finish unregistering (rtnl_unlock) before it is freed");
                }
                kernel.rtnl().assertRtnl("free_netdev");
                dev.setNeedsFreeNetdev(true); // the todo runner frees it after the wait
            }
            case UNINITIALIZED, DUMMY -> {
                releaseRefcount(dev);
                Memory.release(dev);
            }
            case UNREGISTERED -> {
                releaseRefcount(dev);
                dev.regState = RegState.RELEASED;
                Memory.kobjectPut(dev); // put_device(): the memory goes with the last reference
            }
            case RELEASED -> throw kernel.log().bug(dev, "free_netdev of a NETREG_RELEASED device (double free)",
                    "device " + dev.name + " was already freed");
            case REGISTERED -> throw kernel.log().bug(dev, "free_netdev of a registered device",
                    "device " + dev.name + " is NETREG_REGISTERED; unregister it first");
        }
    }

    /** {@code ref_tracker_dir_exit()} and {@code free_percpu(dev->pcpu_refcnt)}: the count is gone from here on. */
    private static void releaseRefcount(NetDevice dev) {
        reportLeakedTrackers(dev);
        dev.refcntFreed = true;
    }

    /**
     * {@code ref_tracker_dir_exit()}: every tracker still live at free time is a leaked reference, printed as
     * {@code ref_tracker_dir_print_locked(dir, 16)} prints them, then {@code WARN_ON_ONCE(leak)}; an untracked
     * hold still outstanding ({@code no_tracker} not back to its initial value) is a {@code WARN_ON_ONCE} of its
     * own. Without {@code CONFIG_NET_DEV_REFCNT_TRACKER} there is no directory and nothing is checked.
     */
    private static void reportLeakedTrackers(NetDevice dev) {
        Kernel kernel = dev.kernel;
        if (!kernel.config().refcntTracker()) {
            return;
        }
        if (dev.trackers.liveCount() > 0) {
            String text = dev.trackers.report(RefTrackerDir.EXIT_DISPLAY_LIMIT);
            if (kernel.warnOnce("ref_tracker_dir_exit leak")) {
                text += "\nWARNING: at lib/ref_tracker.c ref_tracker_dir_exit\n" + kernel.stackDepot().save().indented();
            }
            kernel.log().log(KernelMessage.Kind.WARN, dev, text);
        }
        if (dev.trackers.untrackedCount() != 0 && kernel.warnOnce("ref_tracker_dir_exit no_tracker")) {
            kernel.log().log(KernelMessage.Kind.WARN, dev, "WARNING: at lib/ref_tracker.c ref_tracker_dir_exit: "
                    + dev.trackers.untrackedCount() + " untracked references left on " + dev.name + "\n"
                    + kernel.stackDepot().save().indented());
        }
    }
}
