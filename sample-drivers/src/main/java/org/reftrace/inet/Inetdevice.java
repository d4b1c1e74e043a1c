package org.reftrace.inet;

import org.reftrace.netdev.NetDevice;

/**
 * {@code include/linux/inetdevice.h}: the IPv4 per-device state and its addresses, one static function per
 * kernel function ({@code import static org.reftrace.inet.Inetdevice.*}).
 *
 * <table>
 * <caption>References</caption>
 * <tr><th>function</th><th>what it does to the count</th></tr>
 * <tr><td>{@link #inDevGet}</td><td>lookup: returns the device's {@code in_device} with a reference</td></tr>
 * <tr><td>{@link #__inDevGetRtnl}, {@link #__inDevGetRcu}</td><td>no reference</td></tr>
 * <tr><td>{@link #inDevHold}</td><td>+1</td></tr>
 * <tr><td>{@link #inDevPut}</td><td>-1; the last put destroys (puts the device)</td></tr>
 * <tr><td>{@link #__inDevPut}</td><td>-1 that must not be the last (it cannot destroy)</td></tr>
 * </table>
 */
public final class Inetdevice {
    private Inetdevice() {}

    /**
     * {@code inetdev_init()}: makes the device's {@code in_device} (refcnt 1, the {@code ip_ptr} reference; it
     * holds the device) and links it to {@code dev->ip_ptr}. Differs: the caller (the IPv4 stack) does it on
     * {@code NETDEV_REGISTER}; sysctls and multicast state are not modelled.
     */
    public static InDevice inetdevInit(NetDevice dev) {
        InDevice inDev = new InDevice(dev);
        dev.setIpPtr(inDev);
        return inDev;
    }

    /**
     * {@code inetdev_destroy()}'s reference handling: marks the {@code in_device} dead, unlinks {@code ip_ptr} and
     * drops that reference from an RCU callback ({@link #inDevRcuPut}), once readers are done with it. Differs:
     * the caller (the IPv4 stack) frees the addresses first; multicast, sysctl and ARP state are not modelled.
     */
    public static void inetdevDestroy(InDevice inDev) {
        inDev.markDead();
        inDev.dev.setIpPtr(null);
        inDev.kernel().rcu().callRcu(() -> inDevRcuPut(inDev));
    }

    /** {@code in_dev_rcu_put()}: the RCU callback that drops the {@code ip_ptr} reference. */
    public static void inDevRcuPut(InDevice inDev) {
        inDevPut(inDev);
    }

    /** {@code __in_dev_get_rtnl(dev)}: the device's {@code in_device}, or {@code null}; no reference. */
    public static InDevice __inDevGetRtnl(NetDevice dev) {
        dev.kernel().rtnl().assertRtnl("__in_dev_get_rtnl");
        return dev.ipPtr() instanceof InDevice inDev ? inDev : null;
    }

    /** {@code __in_dev_get_rcu(dev)}: as {@link #__inDevGetRtnl}, for RCU readers (no rtnl check). */
    public static InDevice __inDevGetRcu(NetDevice dev) {
        return dev.ipPtr() instanceof InDevice inDev ? inDev : null;
    }

    /** {@code in_dev_get(dev)}: the device's {@code in_device} with a reference the caller must put, or null. */
    public static InDevice inDevGet(NetDevice dev) {
        InDevice inDev = __inDevGetRcu(dev);
        if (inDev != null) {
            inDev.inc("in_dev_get");
        }
        return inDev;
    }

    /** {@code in_dev_hold(idev)}: {@code refcount_inc()}. */
    public static void inDevHold(InDevice inDev) {
        inDev.inc("in_dev_hold");
    }

    /** {@code in_dev_put(idev)}: the last put runs {@code in_dev_finish_destroy()}. */
    public static void inDevPut(InDevice inDev) {
        if (inDev.decAndTest("in_dev_put")) {
            inDev.finishDestroy();
        }
    }

    /** {@code __in_dev_put(idev)}: {@code refcount_dec()}; the caller knows it is not the last reference. */
    public static void __inDevPut(InDevice inDev) {
        inDev.dec("__in_dev_put");
    }

    /** {@code inet_alloc_ifa(in_dev)}: a new address on {@code inDev}, holding it; not yet on its list. */
    public static InIfaddr inetAllocIfa(InDevice inDev, IpPrefix local) {
        return new InIfaddr(inDev, local);
    }

    /** {@code inet_free_ifa(ifa)}: frees the address after a grace period, which puts its {@code in_device}. */
    public static void inetFreeIfa(InIfaddr ifa) {
        ifa.free();
    }
}
