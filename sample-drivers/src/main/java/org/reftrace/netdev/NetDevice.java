package org.reftrace.netdev;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
    /** {@code __LINK_STATE_LINKWATCH_PENDING}. */
    volatile boolean linkwatchPending;
    /** {@code dev->linkwatch_dev_tracker}: the reference a queued linkwatch event holds. */
    final NetdevTracker linkwatchDevTracker = new NetdevTracker();
    /** {@code __LINK_STATE_NOCARRIER}: set means no carrier. */
    volatile boolean noCarrier;
    /** {@code dev->operstate}. */
    volatile OperState operstate = OperState.UNKNOWN;
    /** {@code dev->type}. */
    volatile DeviceType type = DeviceType.NETROM;
    /** {@code dev->dev_addr} ({@code addr_len} bytes). */
    volatile MacAddress devAddr = MacAddress.NONE;
    /** {@code dev->perm_addr}: the address at registration. */
    volatile MacAddress permAddr = MacAddress.NONE;
    /** {@code dev->addr_assign_type}. */
    volatile AddrAssignType addrAssignType = AddrAssignType.PERM;
    volatile int mtu;
    volatile int minMtu;
    /** 0: no upper bound. */
    volatile int maxMtu;
    final Set<IfFlag> flags = java.util.Collections.synchronizedSet(EnumSet.noneOf(IfFlag.class));
    final Set<PrivFlag> privFlags = java.util.Collections.synchronizedSet(EnumSet.noneOf(PrivFlag.class));
    /** {@code dev->netns_local} ({@code NETIF_F_NETNS_LOCAL}): may not change namespace. */
    volatile boolean netnsLocal;
    /** {@code dev->adj_list.upper}: devices stacked on this one, each entry holding the upper device. */
    /** {@code dev->name_node->list}: the alternative names ({@code ip link property add ... altname}). */
    final List<String> altnames = new CopyOnWriteArrayList<>();
    final List<Adjacency.Adjacent> upperList = new CopyOnWriteArrayList<>();
    /** {@code dev->adj_list.lower}: devices this one is stacked on, each entry holding the lower device. */
    final List<Adjacency.Adjacent> lowerList = new CopyOnWriteArrayList<>();
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

    /** Sets {@code dev->name} (registration resolving a template, {@code dev_change_name}, a netns move). */
    void setName(String newName) {
        this.name = newName;
        memory.describe("net_device " + newName);
    }

    void setPriv(Object priv) {
        this.priv = priv;
    }

    /** The device's name; a {@code %d} template until registration resolves it. */
    public String name() {
        return name;
    }

    /** The alternative names, in the order they were added. */
    public List<String> altnames() {
        return List.copyOf(altnames);
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

    /** {@code netif_carrier_ok()}. */
    public boolean carrierOk() {
        return !noCarrier;
    }

    /** {@code dev->operstate}. */
    public OperState operstate() {
        return operstate;
    }

    /** {@code dev->type}. */
    public DeviceType type() {
        return type;
    }

    /** Sets {@code dev->type}; in {@code setup}, before registration. */
    public void setType(DeviceType type) {
        this.type = type;
    }

    /** {@code dev->dev_addr}. */
    public MacAddress devAddr() {
        return devAddr;
    }

    /** {@code dev->perm_addr}. */
    public MacAddress permAddr() {
        return permAddr;
    }

    /** {@code dev->addr_assign_type}. */
    public AddrAssignType addrAssignType() {
        return addrAssignType;
    }

    /** {@code dev->mtu}. */
    public int mtu() {
        return mtu;
    }

    /** {@code dev->min_mtu}. */
    public int minMtu() {
        return minMtu;
    }

    /** {@code dev->max_mtu}; 0 means no upper bound. */
    public int maxMtu() {
        return maxMtu;
    }

    /** Sets {@code dev->addr_assign_type}, as a driver does where it picks the address. */
    public void setAddrAssignType(AddrAssignType type) {
        this.addrAssignType = type;
    }

    /** Sets {@code dev->mtu} directly, as a driver's {@code setup} or {@code newlink} does (no notification). */
    public void setMtu(int mtu) {
        this.mtu = mtu;
    }

    /** Sets {@code dev->mtu}, {@code min_mtu} and {@code max_mtu} (0: unbounded); in {@code setup}. */
    public void setMtu(int mtu, int minMtu, int maxMtu) {
        this.mtu = mtu;
        this.minMtu = minMtu;
        this.maxMtu = maxMtu;
    }

    /** {@code dev->flags & IFF_*} (other than {@code IFF_UP}). */
    public boolean hasFlag(IfFlag flag) {
        return flags.contains(flag);
    }

    /** Sets or clears one of {@code dev->flags}. */
    public void setFlag(IfFlag flag, boolean on) {
        if (on) {
            flags.add(flag);
        } else {
            flags.remove(flag);
        }
    }

    /** {@code dev->priv_flags & IFF_*}. */
    public boolean hasPrivFlag(PrivFlag flag) {
        return privFlags.contains(flag);
    }

    /** Sets or clears one of {@code dev->priv_flags}. */
    public void setPrivFlag(PrivFlag flag, boolean on) {
        if (on) {
            privFlags.add(flag);
        } else {
            privFlags.remove(flag);
        }
    }

    /** {@code dev->netns_local}. */
    public boolean isNetnsLocal() {
        return netnsLocal;
    }

    /** Sets {@code dev->netns_local}: the device may not move to another namespace; in {@code setup}. */
    public void setNetnsLocal(boolean netnsLocal) {
        this.netnsLocal = netnsLocal;
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
