package org.reftrace.netdev;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code struct net_device}: a network device and its private area, which lives and dies with it.
 *
 * <p>Created by {@link Dev#allocNetdev}. Fields the driver owns ({@code needs_free_netdev},
 * {@code priv_destructor}, the ops tables) are set in its {@code setup} or before registration; the rest is the
 * core's. Reading is safe from any thread; the lifecycle fields change under rtnl.
 */
public final class NetDevice {
    final Kernel kernel;
    volatile Net net;
    volatile String name;
    volatile int ifindex;
    volatile RegState regState = RegState.UNINITIALIZED;
    final NetdevRefcount refcnt = new NetdevRefcount();
    final RefTrackerDir trackers = new RefTrackerDir();
    /** {@code dev->dev_registered_tracker}: the registration's own reference. */
    final NetdevTracker registeredTracker = new NetdevTracker();
    /** The device-model reference ({@code dev->dev.kobj}); the memory goes with the last put. */
    final AtomicInteger kobjectRefs = new AtomicInteger(1);
    /** The device's own memory ({@code kvzalloc} in {@code alloc_netdev}). */
    final Kmem.Allocation memory;
    volatile boolean memoryReleased;
    /** {@code free_netdev()} frees the refcount ({@code free_percpu(dev->pcpu_refcnt)}) before the memory. */
    volatile boolean refcntFreed;
    /** Model-only: a read after the memory went was reported ({@link Memory#checkRead}). */
    volatile boolean readAfterFreeReported;
    volatile boolean up;
    volatile boolean linkwatchPending;
    /** {@code rtnl_link_state}: created through rtnetlink and not yet announced. */
    volatile boolean rtnlLinkInitializing;
    private Object priv;
    private volatile boolean needsFreeNetdev;
    private volatile Consumer<NetDevice> privDestructor;
    private volatile Consumer<NetDevice> destructor;
    private volatile NetdevOps netdevOps = NetdevOps.NONE;
    private volatile RtnlLinkOps rtnlLinkOps;
    private volatile Object ipPtr;
    private volatile Object ip6Ptr;

    NetDevice(Kernel kernel, Net net, String name) {
        this.kernel = kernel;
        this.net = net;
        this.name = name;
        this.memory = kernel.kmem().kmalloc("net_device " + name);
    }

    void setPriv(Object priv) {
        this.priv = priv;
    }

    /** The device's name; a {@code %d} template until registration resolves it. */
    public String name() {
        return name;
    }

    /** {@code dev->ifindex}; 0 until registered. */
    public int ifindex() {
        Memory.checkRead(this, "dev->ifindex");
        return ifindex;
    }

    /** {@code dev_net()}: the namespace the device lives in. */
    public Net net() {
        Memory.checkRead(this, "dev_net");
        return net;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** {@code dev->reg_state}. */
    public RegState regState() {
        return regState;
    }

    /** {@code netdev_refcnt_read()}: the usage count, exact. */
    public int refcnt() {
        return refcnt.read();
    }

    /** {@code netdev_priv()}: the private area, typed. */
    public <T> T priv(Class<T> type) {
        Memory.checkRead(this, "netdev_priv");
        return type.cast(priv);
    }

    /** {@code dev->needs_free_netdev}: the todo runner calls {@code free_netdev()} after the wait. */
    public boolean needsFreeNetdev() {
        return needsFreeNetdev;
    }

    public void setNeedsFreeNetdev(boolean needsFreeNetdev) {
        this.needsFreeNetdev = needsFreeNetdev;
    }

    /** {@code dev->priv_destructor}: frees private state after the wait, or on register's error unwind. */
    public Consumer<NetDevice> privDestructor() {
        return privDestructor;
    }

    /** Sets {@code priv_destructor}; set it only once the state it frees exists (netdevices.rst). */
    public void setPrivDestructor(Consumer<NetDevice> privDestructor) {
        this.privDestructor = privDestructor;
    }

    /**
     * The pre-2017 {@code dev->destructor}, which freed private state <em>and</em> usually the device itself.
     * Honoured only with {@link Quirk#LEGACY_DESTRUCTOR}: commit cf124db566e6 replaced it with
     * {@code priv_destructor} + {@code needs_free_netdev}.
     */
    public void setLegacyDestructor(Consumer<NetDevice> destructor) {
        this.destructor = destructor;
    }

    Consumer<NetDevice> legacyDestructor() {
        return destructor;
    }

    /** {@code dev->netdev_ops}; never null. */
    public NetdevOps netdevOps() {
        Memory.checkRead(this, "dev->netdev_ops");
        return netdevOps;
    }

    public void setNetdevOps(NetdevOps ops) {
        this.netdevOps = ops == null ? NetdevOps.NONE : ops;
    }

    /** {@code dev->rtnl_link_ops}, or {@code null} for a device not made through rtnetlink. */
    public RtnlLinkOps rtnlLinkOps() {
        Memory.checkRead(this, "dev->rtnl_link_ops");
        return rtnlLinkOps;
    }

    public void setRtnlLinkOps(RtnlLinkOps ops) {
        this.rtnlLinkOps = ops;
    }

    /**
     * {@code dev->ip_ptr}: the IPv4 stack's per-device state ({@code struct in_device}), or {@code null}. Typed
     * {@code Object} because the core knows nothing of the IP stack; it only checks, as {@code netdev_run_todo()}
     * does, that nobody left it set on a device that is being destroyed.
     */
    public Object ipPtr() {
        Memory.checkRead(this, "dev->ip_ptr");
        return ipPtr;
    }

    /** Sets {@code dev->ip_ptr} ({@code rcu_assign_pointer}); {@code null} unlinks it. */
    public void setIpPtr(Object inDevice) {
        this.ipPtr = inDevice;
    }

    /** {@code dev->ip6_ptr}: the IPv6 stack's per-device state ({@code struct inet6_dev}), or {@code null}. */
    public Object ip6Ptr() {
        Memory.checkRead(this, "dev->ip6_ptr");
        return ip6Ptr;
    }

    /** Sets {@code dev->ip6_ptr}; {@code null} unlinks it. */
    public void setIp6Ptr(Object inet6Dev) {
        this.ip6Ptr = inet6Dev;
    }

    /** {@code IFF_UP}. */
    public boolean isUp() {
        Memory.checkRead(this, "dev->flags");
        return up;
    }

    /** Model-only: whether the device's memory has been released (the last kobject reference is gone). */
    public boolean isMemoryReleased() {
        return memoryReleased;
    }

    /** Model-only: the device-model (kobject) references left; the memory goes when it reaches 0. */
    public int kobjectRefs() {
        return kobjectRefs.get();
    }

    /** Model-only: live tracked references ({@code netdev_hold} with a tracker). */
    public int trackedRefs() {
        return trackers.liveCount();
    }

    /** The pointer-like identity the kernel prints ({@code %p}), for messages. */
    String pointer() {
        return String.format("ffff8880%08x", System.identityHashCode(this));
    }

    @Override
    public String toString() {
        return name + " (" + regState.kernelName() + ", refcnt " + refcnt.read() + ")";
    }
}
