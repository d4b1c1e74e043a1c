package org.reftrace.inet;

import java.util.Objects;
import org.reftrace.netdev.NetDevice;

/**
 * {@code include/net/addrconf.h}: the IPv6 per-device state and addresses, one static function per kernel
 * function ({@code import static org.reftrace.inet.Addrconf.*}).
 *
 * <table>
 * <caption>References</caption>
 * <tr><th>function</th><th>what it does to the count</th></tr>
 * <tr><td>{@link #in6DevGet}</td><td>lookup: the device's {@code inet6_dev} with a reference</td></tr>
 * <tr><td>{@link #__in6DevGet}</td><td>no reference</td></tr>
 * <tr><td>{@link #in6DevHold} / {@link #in6DevPut}</td><td>+1 / -1; the last put destroys (puts the device)</td></tr>
 * <tr><td>{@link #__in6DevPut}</td><td>-1 that must not be the last</td></tr>
 * <tr><td>{@link #ipv6GetIfaddr}</td><td>lookup: an address with a reference</td></tr>
 * <tr><td>{@link #in6IfaHold} / {@link #in6IfaPut}</td><td>+1 / -1; the last put destroys (puts the inet6_dev)</td></tr>
 * <tr><td>{@link #__in6IfaPut}</td><td>-1 that must not be the last</td></tr>
 * </table>
 */
public final class Addrconf {
    private Addrconf() {}

    /**
     * {@code ipv6_add_dev()}: makes the device's {@code inet6_dev} (refcnt 1, the {@code ip6_ptr} reference; it
     * holds the device) and links it to {@code dev->ip6_ptr}. Differs: the caller (the IPv6 stack) does it on
     * {@code NETDEV_REGISTER}; SNMP, sysctl and multicast state are not modelled.
     */
    public static Inet6Dev ipv6AddDev(NetDevice dev) {
        Inet6Dev idev = new Inet6Dev(dev);
        dev.setIp6Ptr(idev);
        return idev;
    }

    /**
     * {@code addrconf_ifdown(dev, unregister=true)}'s reference handling, the last step: marks the
     * {@code inet6_dev} dead, unlinks {@code ip6_ptr} and drops that reference. The caller (the IPv6 stack) has
     * deleted the addresses and cancelled the device's timers first.
     */
    public static void addrconfIfdownUnregister(Inet6Dev idev) {
        idev.markDead();
        idev.dev.setIp6Ptr(null);
        in6DevPut(idev);
    }

    /** {@code __in6_dev_get(dev)}: the device's {@code inet6_dev}, or {@code null}; no reference. */
    public static Inet6Dev __in6DevGet(NetDevice dev) {
        return dev.ip6Ptr() instanceof Inet6Dev idev ? idev : null;
    }

    /** {@code in6_dev_get(dev)}: the device's {@code inet6_dev} with a reference the caller must put, or null. */
    public static Inet6Dev in6DevGet(NetDevice dev) {
        Inet6Dev idev = __in6DevGet(dev);
        if (idev != null) {
            idev.inc("in6_dev_get");
        }
        return idev;
    }

    /** {@code in6_dev_hold(idev)}: {@code refcount_inc()}. */
    public static void in6DevHold(Inet6Dev idev) {
        idev.inc("in6_dev_hold");
    }

    /** {@code in6_dev_put(idev)}: the last put runs {@code in6_dev_finish_destroy()}. */
    public static void in6DevPut(Inet6Dev idev) {
        if (idev.decAndTest("in6_dev_put")) {
            idev.finishDestroy();
        }
    }

    /** {@code __in6_dev_put(idev)}: {@code refcount_dec()}; the caller knows it is not the last reference. */
    public static void __in6DevPut(Inet6Dev idev) {
        idev.dec("__in6_dev_put");
    }

    /**
     * {@code ipv6_add_addr()}'s reference handling: a new address on {@code idev} (holding it), on its address
     * list (which holds it), returned with the caller's reference. Differs: the IPv6 stack checks for duplicates
     * and fills in flags and lifetimes.
     */
    public static Inet6Ifaddr ipv6AddAddr(Inet6Dev idev, IpPrefix addr) {
        Objects.requireNonNull(addr);
        Inet6Ifaddr ifa = new Inet6Ifaddr(idev, addr);
        in6IfaHold(ifa); // the address list's reference
        idev.addrList.add(ifa);
        return ifa;
    }

    /**
     * {@code ipv6_del_addr(ifp)}: "wants to get referenced ifp and releases it before return": marks the address
     * dead, unlinks it from its {@code inet6_dev}, drops the list's reference and then the caller's.
     */
    public static void ipv6DelAddr(Inet6Ifaddr ifa) {
        ifa.setState(Inet6Ifaddr.State.DEAD);
        if (ifa.idev.addrList.remove(ifa)) {
            __in6IfaPut(ifa); // the address list's reference
        }
        in6IfaPut(ifa);
    }

    /**
     * {@code ipv6_get_ifaddr(net, addr, dev, strict)}: the address {@code addr} on {@code dev} (any device of
     * {@code dev}'s namespace if {@code dev} is null), with a reference the caller must put, or {@code null}.
     * Differs: looks through the devices' lists rather than the per-namespace hash.
     */
    public static Inet6Ifaddr ipv6GetIfaddr(org.reftrace.netdev.Net net, IpAddr addr, NetDevice dev) {
        for (NetDevice candidate : dev != null ? java.util.List.of(dev) : net.devices()) {
            Inet6Dev idev = __in6DevGet(candidate);
            if (idev == null) {
                continue;
            }
            for (Inet6Ifaddr ifa : idev.addrList) {
                if (ifa.addr.addr().equals(addr) && ifa.incNotZero("ipv6_get_ifaddr")) {
                    return ifa;
                }
            }
        }
        return null;
    }

    /** {@code in6_ifa_hold(ifp)}: {@code refcount_inc()}. */
    public static void in6IfaHold(Inet6Ifaddr ifa) {
        ifa.inc("in6_ifa_hold");
    }

    /** {@code in6_ifa_put(ifp)}: the last put runs {@code inet6_ifa_finish_destroy()}. */
    public static void in6IfaPut(Inet6Ifaddr ifa) {
        if (ifa.decAndTest("in6_ifa_put")) {
            ifa.finishDestroy();
        }
    }

    /** {@code __in6_ifa_put(ifp)}: {@code refcount_dec()}; the caller knows it is not the last reference. */
    public static void __in6IfaPut(Inet6Ifaddr ifa) {
        ifa.dec("__in6_ifa_put");
    }
}
