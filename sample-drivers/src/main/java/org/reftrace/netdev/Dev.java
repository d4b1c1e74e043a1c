package org.reftrace.netdev;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The netdev API, one static method per kernel function, so that driver code reads like the kernel's
 * ({@code import static org.reftrace.netdev.Dev.*}). Each method names the function it models and how it
 * differs. Functions marked "under rtnl" warn ({@code ASSERT_RTNL}) when called without it.
 *
 * <p>This class is the surface a profiler instruments: every reference a driver takes or drops passes through
 * {@link #devHold}, {@link #devPut}, {@link #netdevHold}, {@link #netdevPut} or a lookup here.
 */
public final class Dev {
    private Dev() {}

    // ---- allocation, registration, freeing ----

    /**
     * {@code alloc_netdev(sizeof_priv, name, NET_NAME_UNKNOWN, setup)}: a new device in {@code net}, usage count
     * 1, {@code NETREG_UNINITIALIZED}. The private area is made by {@code priv} (may be {@code null}); then
     * {@code setup} runs (may be {@code null}). Differs: the namespace is given here rather than with
     * {@code dev_net_set()}.
     */
    public static NetDevice allocNetdev(Net net, String name, Function<NetDevice, ?> priv, Consumer<NetDevice> setup) {
        return Registration.allocNetdev(net, name, priv, setup);
    }

    /** {@code init_dummy_netdev()}: a NAPI-only device, {@code NETREG_DUMMY}, never registered. */
    public static NetDevice initDummyNetdev(Net net) {
        return Registration.initDummyNetdev(net);
    }

    /**
     * {@code register_netdevice()}, under rtnl. Returns 0 or a negative errno. On a {@code NETDEV_REGISTER} veto
     * the device is fully unregistered (it is UNREGISTERING and on the todo list) and {@code needs_free_netdev}
     * is cleared: the caller still calls {@link #freeNetdev}. Registering a device that is not
     * UNINITIALIZED is a BUG.
     */
    public static int registerNetdevice(NetDevice dev) {
        return Registration.registerNetdevice(dev);
    }

    /** {@code register_netdev()}: {@link #registerNetdevice} with rtnl taken and released around it. */
    public static int registerNetdev(NetDevice dev) {
        dev.kernel().rtnl().lock();
        try {
            return registerNetdevice(dev);
        } finally {
            dev.kernel().rtnl().unlock();
        }
    }

    /**
     * {@code unregister_netdevice()}, under rtnl: only the first half; the device is UNREGISTERING and waits
     * on the todo list for {@code rtnl_unlock()}. Unregistering a device that is not REGISTERED is a BUG; an
     * UNINITIALIZED one is a WARN and skipped.
     */
    public static void unregisterNetdevice(NetDevice dev) {
        Unregistration.unregisterNetdeviceQueue(dev, null);
    }

    /** {@code unregister_netdevice_queue()}, under rtnl: with a {@code head}, only batches the device. */
    public static void unregisterNetdeviceQueue(NetDevice dev, List<NetDevice> head) {
        Unregistration.unregisterNetdeviceQueue(dev, head);
    }

    /** {@code unregister_netdevice_many()}, under rtnl: unregisters a batch; empties {@code head}. */
    public static void unregisterNetdeviceMany(List<NetDevice> head) {
        Unregistration.unregisterNetdeviceMany(head);
    }

    /**
     * {@code unregister_netdev()}: takes rtnl, unregisters, releases rtnl, which waits until every reference
     * is gone. Returns only then (or never, but for the model's wait escape).
     */
    public static void unregisterNetdev(NetDevice dev) {
        dev.kernel().rtnl().lock();
        try {
            unregisterNetdevice(dev);
        } finally {
            dev.kernel().rtnl().unlock();
        }
    }

    /**
     * {@code free_netdev()} (lenient, after the seed's series): an UNREGISTERING device is only marked
     * {@code needs_free_netdev} and freed by the todo runner; an UNINITIALIZED or DUMMY one is freed at once;
     * an UNREGISTERED one becomes RELEASED and its memory goes with the last kobject reference. Freeing a
     * REGISTERED or RELEASED device is a BUG; freeing freed memory is reported as a double free.
     */
    public static void freeNetdev(NetDevice dev) {
        Registration.freeNetdev(dev);
    }

    // ---- references ----

    /** {@code dev_hold()}: an untracked reference. NULL-safe. */
    public static void devHold(NetDevice dev) {
        References.devHold(dev);
    }

    /**
     * {@code dev_put()}: drops an untracked reference. NULL-safe. A put below the allocation's own reference is
     * reported as an underflow at once. Differs: the kernel's per-CPU count cannot see that moment.
     */
    public static void devPut(NetDevice dev) {
        References.devPut(dev);
    }

    /**
     * {@code netdev_hold(dev, tracker, gfp)}: a reference tracked in the owner's {@code tracker} slot, with the
     * holder's stack (with {@link KernelConfig#refcntTracker()}). NULL-safe.
     */
    public static void netdevHold(NetDevice dev, NetdevTracker tracker) {
        References.netdevHold(dev, tracker);
    }

    /**
     * {@code netdev_put(dev, tracker)}: drops the reference in the slot. A second put through the same slot
     * reports {@code reference already released.} with the allocation and release stacks; the count still
     * drops, as in the kernel. NULL-safe.
     */
    public static void netdevPut(NetDevice dev, NetdevTracker tracker) {
        References.netdevPut(dev, tracker);
    }

    /** {@code netdev_tracker_alloc()}: turns an untracked reference (e.g. from a lookup) into a tracked one. */
    public static void netdevTrackerAlloc(NetDevice dev, NetdevTracker tracker) {
        References.netdevTrackerAlloc(dev, tracker);
    }

    // ---- lookups ----

    /** {@code dev_get_by_name()}: a listed device with a reference the caller must put, or {@code null}. */
    public static NetDevice devGetByName(Net net, String name) {
        return References.devGetByName(net, name);
    }

    /** {@code dev_get_by_index()}: as {@link #devGetByName}, by ifindex. */
    public static NetDevice devGetByIndex(Net net, int ifindex) {
        return References.devGetByIndex(net, ifindex);
    }

    /** {@code netdev_get_by_name()}: as {@link #devGetByName}, the reference tracked in {@code tracker}. */
    public static NetDevice netdevGetByName(Net net, String name, NetdevTracker tracker) {
        NetDevice dev = References.devGetByName(net, name);
        References.netdevTrackerAlloc(dev, tracker);
        return dev;
    }

    /** {@code netdev_get_by_index()}: as {@link #devGetByIndex}, the reference tracked in {@code tracker}. */
    public static NetDevice netdevGetByIndex(Net net, int ifindex, NetdevTracker tracker) {
        NetDevice dev = References.devGetByIndex(net, ifindex);
        References.netdevTrackerAlloc(dev, tracker);
        return dev;
    }

    /** {@code __dev_get_by_name()}, under rtnl: a listed device, <em>no</em> reference taken. */
    public static NetDevice __devGetByName(Net net, String name) {
        net.kernel().rtnl().assertRtnl("__dev_get_by_name");
        return net.findByName(name);
    }

    /** {@code __dev_get_by_index()}, under rtnl: a listed device, <em>no</em> reference taken. */
    public static NetDevice __devGetByIndex(Net net, int ifindex) {
        net.kernel().rtnl().assertRtnl("__dev_get_by_index");
        return net.findByIndex(ifindex);
    }

    // ---- up and down ----

    /** {@code dev_open()}, under rtnl: {@code ndo_open}, {@code IFF_UP}, {@code NETDEV_UP}. */
    public static int devOpen(NetDevice dev) {
        return DeviceState.open(dev);
    }

    /** {@code dev_close()}, under rtnl: {@code NETDEV_GOING_DOWN}, {@code ndo_stop}, {@code NETDEV_DOWN}. */
    public static void devClose(NetDevice dev) {
        DeviceState.close(dev);
    }

    // ---- rtnl, notifiers, rtnetlink, namespaces ----

    /** {@code rtnl_lock()}. */
    public static void rtnlLock(Kernel kernel) {
        kernel.rtnl().lock();
    }

    /** {@code rtnl_unlock()}: releases rtnl, then runs the todo list (which may wait for references). */
    public static void rtnlUnlock(Kernel kernel) {
        kernel.rtnl().unlock();
    }

    /** {@code register_netdevice_notifier()}: replays REGISTER (and UP) for existing devices. Takes rtnl. */
    public static int registerNetdeviceNotifier(Kernel kernel, NetdevNotifier notifier) {
        return kernel.notifiers().register(notifier);
    }

    /** {@code unregister_netdevice_notifier()}: replays DOWN and UNREGISTER for existing devices. Takes rtnl. */
    public static void unregisterNetdeviceNotifier(Kernel kernel, NetdevNotifier notifier) {
        kernel.notifiers().unregister(notifier);
    }

    /**
     * {@code call_netdevice_notifiers()}, under rtnl: sends {@code event} for {@code dev} to the whole chain; returns
     * 0 or the veto of an event that allows one.
     */
    public static int callNetdeviceNotifiers(NetdevEvent event, NetDevice dev) {
        return dev.kernel().notifiers().call(event, dev);
    }

    /** {@code rtnl_link_register()}: returns -EEXIST if the kind is taken. */
    public static int rtnlLinkRegister(Kernel kernel, RtnlLinkOps ops) {
        return Rtnetlink.linkRegister(kernel, ops);
    }

    /** {@code rtnl_link_unregister()}: deletes every device of the kind (a module's exit). Takes rtnl. */
    public static void rtnlLinkUnregister(Kernel kernel, RtnlLinkOps ops) {
        Rtnetlink.linkUnregister(kernel, ops);
    }

    /**
     * {@code rtnl_newlink()} ({@code ip link add}): takes rtnl, creates the device with the kind's
     * {@code setup} (in {@code attrs.targetNet()} if given; {@code attrs.link()} is looked up in {@code net}),
     * applies {@code mtu} and {@code address}, calls its {@code newlink}, frees the device on failure, brings it up
     * and sets its master if asked, releases rtnl. Returns 0 or a negative errno (-EEXIST for a name in use,
     * -EOPNOTSUPP for an unknown kind).
     */
    public static int rtnlNewlink(Net net, String kind, LinkAttrs attrs) {
        return Rtnetlink.newlink(net, kind, attrs);
    }

    /**
     * {@code rtnl_changelink()} ({@code ip link set DEV type KIND ARGS}), under rtnl: the device's link type
     * applies {@code attrs.data()}; -EOPNOTSUPP for another kind or a type that cannot change.
     */
    public static int rtnlChangelink(NetDevice dev, String kind, LinkAttrs attrs) {
        return Rtnetlink.changelink(dev, kind, attrs);
    }

    /** {@code rtnl_dellink()} ({@code ip link del}): takes and releases rtnl; -ENODEV for an unknown name. */
    public static int rtnlDellink(Net net, String name) {
        return Rtnetlink.dellink(net, name);
    }

    /** {@code ip netns add}: a new namespace with its {@code lo}, or {@code null} if the name is taken. */
    public static Net netnsAdd(Kernel kernel, String name) {
        return Namespaces.find(kernel, name) != null ? null : Namespaces.create(kernel, name);
    }

    /** Looks a namespace up by name, or {@code null}. */
    public static Net netnsFind(Kernel kernel, String name) {
        return Namespaces.find(kernel, name);
    }

    /**
     * {@code ip netns del}: removes the namespace's name and queues it for {@code cleanup_net()} on
     * {@link Kernel#netnsWq()}; returns at once, as the command does. The devices go when the kworker runs (wait
     * for it with {@link #flushWorkqueue}{@code (kernel.netnsWq())}); a reference leaked in the namespace hangs
     * that kworker, not the caller. Differs: the kernel drops a reference, and the namespace goes with the last
     * one (processes and sockets in it hold others); the model's namespaces have no other holders.
     */
    public static void netnsDel(Net net) {
        Namespaces.delete(net);
    }

    /**
     * {@code dev_change_net_namespace()}, under rtnl. Returns 0 or a negative errno: -EINVAL for a namespace-local
     * device or one not registered, -EEXIST when the name is taken in {@code target}. The device stays
     * {@code NETREG_REGISTERED} while its namespace changes.
     */
    public static int devChangeNetNamespace(NetDevice dev, Net target) {
        return Namespaces.changeNetNamespace(dev, target);
    }

    /**
     * {@code __dev_change_net_namespace(dev, net, pat)}: as {@link #devChangeNetNamespace(NetDevice, Net)}, taking the
     * name {@code pattern} (a {@code %d} template allowed) when the device's own is taken in {@code target}.
     */
    public static int devChangeNetNamespace(NetDevice dev, Net target, String pattern) {
        return Namespaces.changeNetNamespace(dev, target, pattern);
    }

    // ---- carrier and state ----

    /**
     * {@code netif_carrier_on()}: carrier appears; a linkwatch event is queued (holding the device through
     * {@code linkwatch_dev_tracker}) unless the device was never registered.
     */
    public static void netifCarrierOn(NetDevice dev) {
        LinkState.carrierOn(dev);
    }

    /** {@code netif_carrier_off()}: as {@link #netifCarrierOn}, carrier lost. */
    public static void netifCarrierOff(NetDevice dev) {
        LinkState.carrierOff(dev);
    }

    /** {@code netif_carrier_ok()}. */
    public static boolean netifCarrierOk(NetDevice dev) {
        return dev.carrierOk();
    }

    /** {@code netif_running()}: the device is up. Differs: the kernel tests {@code __LINK_STATE_START}. */
    public static boolean netifRunning(NetDevice dev) {
        return dev.isUp();
    }

    /** {@code netdev_state_change()}, under rtnl: {@code NETDEV_CHANGE} for a running device. */
    public static void netdevStateChange(NetDevice dev) {
        LinkState.netdevStateChange(dev);
    }

    /** {@code netif_stacked_transfer_operstate()}: {@code dev} takes {@code rootdev}'s carrier. */
    public static void netifStackedTransferOperstate(NetDevice rootdev, NetDevice dev) {
        LinkState.stackedTransferOperstate(rootdev, dev);
    }

    /**
     * {@code dev_change_carrier()}, under rtnl: the driver's {@code ndo_change_carrier} (only virtual devices
     * such as dummy have one): -EOPNOTSUPP otherwise, -ENODEV for a device not registered.
     */
    public static int devChangeCarrier(NetDevice dev, boolean on) {
        dev.kernel().rtnl().assertRtnl("dev_change_carrier");
        if (dev.regState() != RegState.REGISTERED) {
            return -Errno.ENODEV;
        }
        return dev.netdevOps().ndoChangeCarrier(dev, on);
    }

    /**
     * {@code dev_change_flags()} for one flag other than {@code IFF_UP}, under rtnl: a running device tells the
     * chain ({@code NETDEV_CHANGE}) unless only {@code IFF_PROMISC} or {@code IFF_ALLMULTI} changed, as
     * {@code __dev_notify_flags()} does.
     */
    public static void devChangeFlag(NetDevice dev, IfFlag flag, boolean on) {
        dev.kernel().rtnl().assertRtnl("dev_change_flags");
        if (dev.hasFlag(flag) == on) {
            return;
        }
        dev.setFlag(flag, on);
        if (flag != IfFlag.PROMISC && flag != IfFlag.ALLMULTI) {
            LinkState.netdevStateChange(dev);
        }
    }

    // ---- type, address, MTU, name ----

    /** {@code ether_setup()}: in {@code setup}: an Ethernet device (type, flags, MTU 1500), address all zero. */
    public static void etherSetup(NetDevice dev) {
        DeviceConfig.etherSetup(dev);
    }

    /** {@code eth_hw_addr_random()}: a random, locally administered address ({@code NET_ADDR_RANDOM}). */
    public static void ethHwAddrRandom(NetDevice dev) {
        DeviceConfig.ethHwAddrRandom(dev);
    }

    /**
     * {@code dev_addr_set()}: sets the address without any check or notification; for drivers, in {@code setup}
     * or under rtnl from their own callbacks. Differs: the kernel copies {@code addr_len} bytes.
     */
    public static void devAddrSet(NetDevice dev, MacAddress addr) {
        dev.devAddr = addr;
    }

    /**
     * {@code eth_mac_addr()}: the usual {@code ndo_set_mac_address}: -EBUSY while running (unless
     * {@link PrivFlag#LIVE_ADDR_CHANGE}), -EADDRNOTAVAIL for an address that is not valid unicast.
     */
    public static int ethMacAddr(NetDevice dev, MacAddress addr) {
        return DeviceConfig.ethMacAddr(dev, addr);
    }

    /**
     * {@code dev_set_mac_address()}, under rtnl: {@code NETDEV_PRE_CHANGEADDR} (may veto), the driver's
     * {@code ndo_set_mac_address}, then {@code NETDEV_CHANGEADDR}. Returns 0 or a negative errno (-EOPNOTSUPP
     * without the callback, -EINVAL for an address of the wrong length).
     */
    public static int devSetMacAddress(NetDevice dev, MacAddress addr) {
        return DeviceConfig.setMacAddress(dev, addr);
    }

    /**
     * {@code dev_set_mtu()}, under rtnl: -EINVAL outside {@code min_mtu..max_mtu}; {@code NETDEV_PRECHANGEMTU}
     * (may veto), {@code ndo_change_mtu}, {@code NETDEV_CHANGEMTU} (whose veto reverts the change).
     */
    public static int devSetMtu(NetDevice dev, int mtu) {
        return DeviceConfig.setMtu(dev, mtu);
    }

    /**
     * {@code netdev_name_node_alt_create()}: gives {@code dev} an alternative name, found by the name lookups of its
     * namespace and checked when it moves to another; under rtnl. -EINVAL for a bad name, -EEXIST for one in use.
     */
    public static int netdevNameNodeAltCreate(NetDevice dev, String name) {
        return DeviceConfig.altnameCreate(dev, name);
    }

    /**
     * {@code netdev_name_node_alt_destroy()}: under rtnl. -ENOENT for a name nobody has, -EINVAL for the device's own
     * name or another device's.
     */
    public static int netdevNameNodeAltDestroy(NetDevice dev, String name) {
        return DeviceConfig.altnameDestroy(dev, name);
    }

    /**
     * {@code dev_change_name()}, under rtnl: -EBUSY while up, -EEXIST for a taken name, -EINVAL for a bad one;
     * {@code NETDEV_CHANGENAME} (whose veto reverts it).
     */
    public static int devChangeName(NetDevice dev, String newName) {
        return DeviceConfig.changeName(dev, newName);
    }

    // ---- upper and lower devices ----

    /**
     * {@code netdev_upper_dev_link()}, under rtnl: {@code upper} is stacked on {@code dev} (a vlan on its real
     * device). Each side's list entry holds a reference on the other device until
     * {@link #netdevUpperDevUnlink}. Sends {@code NETDEV_PRECHANGEUPPER} (may veto) and {@code NETDEV_CHANGEUPPER}.
     * Returns 0, -EBUSY (a loop), -EEXIST (already linked), -EMLINK (nested too deep) or a notifier's veto.
     */
    public static int netdevUpperDevLink(NetDevice dev, NetDevice upper) {
        return Adjacency.upperDevLink(dev, upper, false, null, null);
    }

    /**
     * {@code netdev_master_upper_dev_link()}, under rtnl: as {@link #netdevUpperDevLink}, {@code upper} becoming
     * {@code dev}'s one master (a bridge, a bond); -EBUSY if {@code dev} has another.
     *
     * @param upperPriv what {@link #netdevLowerDevGetPrivate} returns for {@code dev} (a bond's slave)
     * @param upperInfo passed to the notifiers in {@link NotifierInfo.ChangeUpper#upperInfo()}
     */
    public static int netdevMasterUpperDevLink(NetDevice dev, NetDevice upper, Object upperPriv, Object upperInfo) {
        return Adjacency.upperDevLink(dev, upper, true, upperPriv, upperInfo);
    }

    /** {@code netdev_upper_dev_unlink()}, under rtnl: undoes a link; both entries put their references. */
    public static void netdevUpperDevUnlink(NetDevice dev, NetDevice upper) {
        Adjacency.upperDevUnlink(dev, upper);
    }

    /** {@code netdev_has_upper_dev()}: whether {@code upper} is stacked on {@code dev}, directly or not. */
    public static boolean netdevHasUpperDev(NetDevice dev, NetDevice upper) {
        return Adjacency.hasUpper(dev, upper);
    }

    /** {@code netdev_has_any_upper_dev()}. */
    public static boolean netdevHasAnyUpperDev(NetDevice dev) {
        return !dev.upperList.isEmpty();
    }

    /** {@code netdev_master_upper_dev_get()}: {@code dev}'s master, or {@code null}. */
    public static NetDevice netdevMasterUpperDevGet(NetDevice dev) {
        return Adjacency.masterUpper(dev);
    }

    /** {@code netdev_lower_dev_get_private()}: what the master gave for {@code lower} when linking it. */
    public static Object netdevLowerDevGetPrivate(NetDevice dev, NetDevice lower) {
        return Adjacency.lowerPrivate(dev, lower);
    }

    /** {@code netdev_for_each_upper_dev_rcu()}: the devices directly stacked on {@code dev}. */
    public static List<NetDevice> netdevUpperDevices(NetDevice dev) {
        return Adjacency.uppers(dev);
    }

    /** {@code netdev_for_each_lower_dev()}: the devices {@code dev} is directly stacked on. */
    public static List<NetDevice> netdevLowerDevices(NetDevice dev) {
        return Adjacency.lowers(dev);
    }

    /** {@code netdev_lower_state_changed()}, under rtnl: {@code NETDEV_CHANGELOWERSTATE} for {@code lower}. */
    public static void netdevLowerStateChanged(NetDevice lower, Object lowerStateInfo) {
        lower.kernel().notifiers().call(NetdevEvent.CHANGELOWERSTATE, lower,
                new NotifierInfo.ChangeLowerState(lowerStateInfo));
    }

    /**
     * {@code do_set_master()} ({@code rtnl_setlink} with {@code IFLA_MASTER}), under rtnl: the current master's
     * {@code ndo_del_slave}, then {@code master}'s {@code ndo_add_slave}; {@code master} {@code null} for
     * {@code nomaster}, which is 0 on a device without a master.
     */
    public static int doSetMaster(NetDevice dev, NetDevice master) {
        return Rtnetlink.doSetMaster(dev, master);
    }

    /** {@code rtnl_trylock()}: takes rtnl if free; never waits. */
    public static boolean rtnlTrylock(Kernel kernel) {
        return kernel.rtnl().tryLock();
    }

    // ---- workqueues ----

    /**
     * {@code alloc_workqueue(name, flags, max_active)}: a workqueue running up to {@code maxActive} items at once
     * on its own kworkers. Differs: the kernel's workqueues share per-CPU worker pools.
     */
    public static Workqueue allocWorkqueue(Kernel kernel, String name, int maxActive) {
        return new Workqueue(kernel, name, maxActive, false);
    }

    /** {@code alloc_ordered_workqueue(name, flags)}: one item at a time, in queueing order. */
    public static Workqueue allocOrderedWorkqueue(Kernel kernel, String name) {
        return new Workqueue(kernel, name, 1, true);
    }

    /**
     * {@code destroy_workqueue()}: drains it (waits for queued work, and work that queues more), then refuses new
     * work with a WARN. Delayed work whose timer is still armed is not waited for (cancel it first).
     */
    public static void destroyWorkqueue(Workqueue wq) {
        Workqueues.destroyWorkqueue(wq);
    }

    /** {@code queue_work()}: returns {@code false} if {@code work} was already pending. */
    public static boolean queueWork(Workqueue wq, WorkStruct work) {
        return Workqueues.queueWork(wq, work);
    }

    /** {@code schedule_work()}: {@link #queueWork} on {@code system_wq}. */
    public static boolean scheduleWork(Kernel kernel, WorkStruct work) {
        return Workqueues.queueWork(kernel.systemWq(), work);
    }

    /**
     * {@code queue_delayed_work()}: queues {@code dwork} once {@code delayMillis} of model time have passed (at once
     * for 0); {@code false} if it was already pending. Differs: delays are milliseconds (the model's
     * {@code HZ} is 1000).
     */
    public static boolean queueDelayedWork(Workqueue wq, DelayedWork dwork, long delayMillis) {
        return Workqueues.queueDelayedWork(wq, dwork, delayMillis);
    }

    /** {@code schedule_delayed_work()}: {@link #queueDelayedWork} on {@code system_wq}. */
    public static boolean scheduleDelayedWork(Kernel kernel, DelayedWork dwork, long delayMillis) {
        return Workqueues.queueDelayedWork(kernel.systemWq(), dwork, delayMillis);
    }

    /** {@code mod_delayed_work()}: (re)arms {@code dwork} for {@code delayMillis}; returns whether it was pending. */
    public static boolean modDelayedWork(Workqueue wq, DelayedWork dwork, long delayMillis) {
        return Workqueues.modDelayedWork(wq, dwork, delayMillis);
    }

    /** {@code cancel_work()}: takes a pending item back without waiting; returns whether it was pending. */
    public static boolean cancelWork(WorkStruct work) {
        return Workqueues.cancelWork(work);
    }

    /**
     * {@code cancel_work_sync()}: takes a pending item back and waits for a running one to finish; returns whether
     * it was pending. From the work's own function it warns instead of deadlocking.
     */
    public static boolean cancelWorkSync(WorkStruct work) {
        return Workqueues.cancelWorkSync(work);
    }

    /** {@code cancel_delayed_work()}: disarms the timer or takes the item back, without waiting. */
    public static boolean cancelDelayedWork(DelayedWork dwork) {
        return Workqueues.cancelWork(dwork.work);
    }

    /** {@code cancel_delayed_work_sync()}: {@link #cancelDelayedWork}, then waits for a running instance. */
    public static boolean cancelDelayedWorkSync(DelayedWork dwork) {
        return Workqueues.cancelWorkSync(dwork.work);
    }

    /** {@code flush_work()}: waits for the last queueing of {@code work} to finish; whether it had to wait. */
    public static boolean flushWork(WorkStruct work) {
        return Workqueues.flushWork(work);
    }

    /** {@code flush_delayed_work()}: an armed timer fires now, then {@link #flushWork}. */
    public static boolean flushDelayedWork(DelayedWork dwork) {
        return Workqueues.flushDelayedWork(dwork);
    }

    /**
     * {@code flush_workqueue()}: waits for everything queued on {@code wq} before the call. From one of the
     * workqueue's own kworkers it warns and returns, where the kernel would deadlock.
     */
    public static void flushWorkqueue(Workqueue wq) {
        Workqueues.flushWorkqueue(wq);
    }

    /** {@code drain_workqueue()}: flushes until nothing is queued any more, work queued by work included. */
    public static void drainWorkqueue(Workqueue wq) {
        Workqueues.drainWorkqueue(wq);
    }
}
