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
     * {@code setup}, calls its {@code newlink}, frees the device on failure, releases rtnl. Returns 0 or a
     * negative errno (-EOPNOTSUPP for an unknown kind).
     */
    public static int rtnlNewlink(Net net, String kind, LinkAttrs attrs) {
        return Rtnetlink.newlink(net, kind, attrs);
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

    /** {@code ip netns del}: dismantles the namespace; returns when all its devices are freed. */
    public static void netnsDel(Net net) {
        Namespaces.dismantle(net);
    }

    /** {@code dev_change_net_namespace()}, under rtnl. Returns 0 or a negative errno. */
    public static int devChangeNetNamespace(NetDevice dev, Net target) {
        return Namespaces.changeNetNamespace(dev, target);
    }
}
