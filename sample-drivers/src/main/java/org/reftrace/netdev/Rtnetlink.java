package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.List;

/** {@code net/core/rtnetlink.c}: link types and the {@code RTM_NEWLINK}/{@code RTM_DELLINK} requests. */
final class Rtnetlink {
    private Rtnetlink() {}

    static int linkRegister(Kernel kernel, RtnlLinkOps ops) {
        return kernel.linkOps().putIfAbsent(ops.kind(), ops) == null ? 0 : -Errno.EEXIST;
    }

    /** {@code rtnl_link_unregister()}: what a module's exit does: every device of the type is deleted. */
    static void linkUnregister(Kernel kernel, RtnlLinkOps ops) {
        // "Close the race with setup_net() and cleanup_net()": waits for a cleanup_net() under way, even a hung one
        kernel.pernetOpsRwsem().writeLock().lock();
        kernel.rtnl().lock();
        try {
            List<NetDevice> kill = new ArrayList<>();
            for (Net net : kernel.namespaces()) {
                for (NetDevice dev : net.devices()) {
                    if (dev.rtnlLinkOps() == ops) {
                        ops.dellink(dev, kill);
                    }
                }
            }
            Unregistration.unregisterNetdeviceMany(kill);
            kernel.linkOps().remove(ops.kind(), ops);
        } finally {
            kernel.rtnl().unlock();
            kernel.pernetOpsRwsem().writeLock().unlock();
        }
    }

    /**
     * {@code do_set_master()} ({@code ip link set DEV master M|nomaster}), under rtnl: leaves the current master
     * through its {@code ndo_del_slave}, then joins {@code master} through its {@code ndo_add_slave}.
     *
     * @param master the new master, or {@code null} for {@code nomaster} (which succeeds on a device without one)
     */
    static int doSetMaster(NetDevice dev, NetDevice master) {
        dev.kernel.rtnl().assertRtnl("do_set_master");
        NetDevice upper = Adjacency.masterUpper(dev);
        if (upper != null) {
            if (upper == master) {
                return 0;
            }
            int err = upper.netdevOps().ndoDelSlave(upper, dev);
            if (err != 0) {
                return err;
            }
        }
        if (master != null) {
            return master.netdevOps().ndoAddSlave(master, dev);
        }
        return 0;
    }

    /**
     * {@code rtnl_newlink()}, run as one netlink request: takes rtnl and releases it (running the todo list).
     * {@code net} is the requester's namespace, where {@code attrs.link()} is looked up; the device is created in
     * {@code attrs.targetNet()} when given ({@code rtnl_newlink_create()} → {@code rtnl_create_link()}), then
     * configured ({@code rtnl_configure_link()}: up) and given its master ({@code do_set_master()}); a failure
     * after {@code ->newlink} deletes it again through {@code ->dellink}.
     */
    static int newlink(Net net, String kind, LinkAttrs attrs) {
        Kernel kernel = net.kernel();
        kernel.rtnl().lock();
        try {
            Net target = attrs.targetNet() != null ? attrs.targetNet() : net;
            if (attrs.ifname() != null && target.findByName(attrs.ifname()) != null) {
                return -Errno.EEXIST; // an existing device and NLM_F_EXCL
            }
            RtnlLinkOps ops = kernel.linkOps().get(kind);
            if (ops == null) {
                return -Errno.EOPNOTSUPP;
            }
            String name = attrs.ifname() != null ? attrs.ifname() : kind + "%d";
            NetDevice dev = Registration.allocNetdev(target, name, ops::createPriv, ops::setup); // rtnl_create_link
            if (attrs.mtu() > 0) {
                if (attrs.mtu() < dev.minMtu || (dev.maxMtu > 0 && attrs.mtu() > dev.maxMtu)) {
                    Registration.freeNetdev(dev); // dev_validate_mtu() failed
                    return -Errno.EINVAL;
                }
                dev.mtu = attrs.mtu();
            }
            if (attrs.address() != null) {
                dev.devAddr = attrs.address();
                dev.addrAssignType = AddrAssignType.SET;
            }
            if (attrs.ifindex() > 0) {
                dev.ifindex = attrs.ifindex(); // IFLA_NEW_IFINDEX: register_netdevice() reserves it
            }
            dev.setRtnlLinkOps(ops);
            dev.rtnlLinkInitializing = true;
            int err = ops.newlink(net, dev, attrs);
            if (err < 0) {
                freeAfterFailedNewlink(dev);
                return err;
            }
            dev.rtnlLinkInitializing = false; // rtnl_configure_link()
            err = attrs.up() ? DeviceState.open(dev) : 0;
            if (err == 0 && attrs.master() != null) {
                NetDevice master = dev.net.findByName(attrs.master());
                err = master == null ? -Errno.EINVAL : doSetMaster(dev, master);
            }
            if (err < 0) {
                List<NetDevice> kill = new ArrayList<>(); // out_unregister
                ops.dellink(dev, kill);
                Unregistration.unregisterNetdeviceMany(kill);
            }
            return err;
        } finally {
            kernel.rtnl().unlock();
        }
    }

    /**
     * {@code rtnl_changelink()} ({@code ip link set DEV type KIND ARGS}), under rtnl: the device's own link type
     * applies the attributes; -EOPNOTSUPP for another kind or a type without {@code changelink}.
     */
    static int changelink(NetDevice dev, String kind, LinkAttrs attrs) {
        dev.kernel.rtnl().assertRtnl("rtnl_changelink");
        RtnlLinkOps ops = dev.rtnlLinkOps();
        if (ops == null || !ops.kind().equals(kind)) {
            return -Errno.EOPNOTSUPP;
        }
        return ops.changelink(dev, attrs);
    }

    /** The error path that four commits in the seed's saga changed. */
    private static void freeAfterFailedNewlink(NetDevice dev) {
        KernelConfig config = dev.kernel.config();
        if (config.has(Quirk.NEWLINK_NEVER_FREES)) {
            return; // 0e0eee2465df..e51fb152318e: "->newlink owns the device", even when it never registered it
        }
        if (config.has(Quirk.NEWLINK_ALWAYS_FREES) || !config.has(Quirk.STRICT_FREE_NETDEV)) {
            Registration.freeNetdev(dev); // before 0e0eee2465df, and again since the lenient free_netdev()
            return;
        }
        if (dev.regState == RegState.UNINITIALIZED) {
            Registration.freeNetdev(dev); // e51fb152318e..c269a24ce057: free only what was never registered
        }
    }

    /** {@code rtnl_dellink()}: {@code ip link del DEV}. */
    static int dellink(Net net, String name) {
        Kernel kernel = net.kernel();
        kernel.rtnl().lock();
        try {
            NetDevice dev = net.findByName(name);
            if (dev == null) {
                return -Errno.ENODEV;
            }
            RtnlLinkOps ops = dev.rtnlLinkOps();
            if (ops == null) {
                return -Errno.EOPNOTSUPP;
            }
            List<NetDevice> kill = new ArrayList<>();
            ops.dellink(dev, kill);
            Unregistration.unregisterNetdeviceMany(kill);
            return 0;
        } finally {
            kernel.rtnl().unlock();
        }
    }
}
