package org.reftrace.stack;

import static org.reftrace.inet.Inetdevice.*;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.InDevice;
import org.reftrace.inet.Inetdevice;
import org.reftrace.inet.InIfaddr;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.IpPrefix;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * {@code net/ipv4/devinet.c}: every registered device gets an {@link InDevice} (which holds it); IPv4 addresses
 * ({@link InIfaddr}, each holding its {@code in_device}) are added and deleted with {@code ip addr}; on
 * {@code NETDEV_UNREGISTER} the addresses are freed and the {@code in_device} is unlinked, its {@code ip_ptr}
 * reference put from an RCU callback, once readers are done with it.
 *
 * <p>Address semantics follow {@code __inet_insert_ifa()} and {@code __inet_del_ifa()}: an address in the subnet
 * of an existing one is a secondary; deleting a primary deletes its secondaries too, unless the device's
 * {@code promote_secondaries} sysctl is set, in which case the first secondary becomes the primary. Listeners
 * ({@link InetaddrNotifier}: the routing module) hear of each address added and removed.
 */
public final class Inet implements NotifierModule {
    private final List<InetaddrNotifier> inetaddrChain = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "ipv4";
    }

    /** {@code register_inetaddr_notifier()}. */
    public void registerInetaddrNotifier(InetaddrNotifier notifier) {
        inetaddrChain.add(notifier);
    }

    /** {@code unregister_inetaddr_notifier()}. */
    public void unregisterInetaddrNotifier(InetaddrNotifier notifier) {
        inetaddrChain.remove(notifier);
    }

    /** {@code __in_dev_get_rtnl()}: the device's {@code in_device}, or {@code null}; no reference taken. */
    public InDevice inDevGet(NetDevice dev) {
        return __inDevGetRcu(dev);
    }

    /** {@code inetdev_event()}, the module's notifier. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        switch (event) {
            case REGISTER -> {
                if (__inDevGetRcu(dev) == null) {
                    inetdevInit(dev);
                }
            }
            case UNREGISTER -> inetdevDestroy(dev);
            default -> { }
        }
        return 0;
    }

    /** {@code inetdev_destroy()}: idempotent, since the wait re-sends NETDEV_UNREGISTER. */
    private void inetdevDestroy(NetDevice dev) {
        InDevice inDev = __inDevGetRcu(dev);
        if (inDev == null) {
            return;
        }
        for (InIfaddr ifa : inDev.addresses()) {
            inetDelIfa(inDev, ifa, false);
        }
        Inetdevice.inetdevDestroy(inDev);
    }

    /**
     * {@code inet_rtm_newaddr()} ({@code ip addr add ADDR/LEN dev DEV}): one netlink request, under rtnl. Returns
     * 0, {@code -ENODEV} (no such device, or no IPv4 state), {@code -EINVAL} (not an IPv4 prefix) or
     * {@code -EEXIST} (the address and prefix length are already there).
     */
    public int inetRtmNewaddr(Net net, String devName, String address) {
        Optional<IpPrefix> prefix = IpPrefix.parse(address, AddressFamily.INET);
        if (prefix.isEmpty() || prefix.get().family() != AddressFamily.INET) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.onDevice(net, devName, Inetdevice::__inDevGetRtnl,
                inDev -> inetInsertIfa(inDev, prefix.get()));
    }

    /**
     * {@code inet_rtm_deladdr()} ({@code ip addr del ADDR/LEN dev DEV}): returns 0, {@code -ENODEV},
     * {@code -EINVAL} or {@code -EADDRNOTAVAIL} (no such address on the device).
     */
    public int inetRtmDeladdr(Net net, String devName, String address) {
        Optional<IpPrefix> prefix = IpPrefix.parse(address, AddressFamily.INET);
        if (prefix.isEmpty() || prefix.get().family() != AddressFamily.INET) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.onDevice(net, devName, Inetdevice::__inDevGetRtnl, inDev -> {
            for (InIfaddr ifa : inDev.addresses()) {
                if (ifa.local().equals(prefix.get())) {
                    inetDelIfa(inDev, ifa, true);
                    return 0;
                }
            }
            return -Errno.EADDRNOTAVAIL;
        });
    }

    /**
     * {@code sysctl -w net.ipv4.conf.DEV.promote_secondaries=0|1}: returns 0, or {@code -ENODEV} for a device
     * without IPv4 state.
     */
    public int setPromoteSecondaries(Net net, String devName, boolean on) {
        return RtnlRequest.onDevice(net, devName, Inetdevice::__inDevGetRtnl, inDev -> {
            inDev.setPromoteSecondaries(on);
            return 0;
        });
    }

    /**
     * Whether {@code gw} is on a subnet of one of {@code dev}'s addresses: what {@code fib_check_nh()} asks the
     * connected routes. Under rtnl.
     */
    public boolean onLink(NetDevice dev, IpAddr gw) {
        InDevice inDev = __inDevGetRcu(dev);
        return inDev != null && inDev.addresses().stream().anyMatch(ifa -> ifa.local().network().contains(gw));
    }

    /** {@code __inet_insert_ifa()}. */
    private int inetInsertIfa(InDevice inDev, IpPrefix local) {
        boolean secondary = false;
        for (InIfaddr ifa : inDev.addresses()) {
            if (ifa.local().equals(local)) {
                return -Errno.EEXIST;
            }
            if (!ifa.isSecondary() && ifa.local().len() == local.len()
                    && ifa.local().network().contains(local.addr())) {
                secondary = true;
            }
        }
        InIfaddr ifa = inetAllocIfa(inDev, local);
        ifa.setSecondary(secondary);
        inDev.addressesForUpdate().add(ifa);
        notifyAddress(NetdevEvent.UP, inDev.dev(), ifa);
        return 0;
    }

    /**
     * {@code __inet_del_ifa()}: unlinks and frees {@code ifa}; for a primary, its secondaries are promoted
     * (with {@code promote_secondaries}) or deleted too. {@code destroy} false: the device is going away and every
     * address is being deleted anyway.
     */
    private void inetDelIfa(InDevice inDev, InIfaddr ifa, boolean destroy) {
        if (!inDev.addressesForUpdate().remove(ifa)) {
            return;
        }
        InIfaddr promoted = null;
        if (destroy && !ifa.isSecondary()) {
            for (InIfaddr other : inDev.addresses()) {
                if (!other.isSecondary() || other.local().len() != ifa.local().len()
                        || !ifa.local().network().contains(other.local().addr())) {
                    continue;
                }
                if (inDev.promoteSecondaries() && promoted == null) {
                    promoted = other;
                    continue;
                }
                if (!inDev.promoteSecondaries()) {
                    inDev.addressesForUpdate().remove(other);
                    notifyAddress(NetdevEvent.DOWN, inDev.dev(), other);
                    inetFreeIfa(other);
                }
            }
        }
        notifyAddress(NetdevEvent.DOWN, inDev.dev(), ifa);
        inetFreeIfa(ifa);
        if (promoted != null) {
            promoted.setSecondary(false);
            notifyAddress(NetdevEvent.UP, inDev.dev(), promoted);
        }
    }

    private void notifyAddress(NetdevEvent event, NetDevice dev, InIfaddr ifa) {
        if (!ifa.isSecondary()) {
            for (InetaddrNotifier notifier : inetaddrChain) {
                notifier.onAddress(event, dev, ifa.local());
            }
        }
    }
}
