package org.reftrace.stack;

import static org.reftrace.inet.Addrconf.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.Addrconf;
import org.reftrace.inet.DelayedWork;
import org.reftrace.inet.Inet6Dev;
import org.reftrace.inet.Inet6Ifaddr;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.IpPrefix;
import org.reftrace.inet.TimerBase;
import org.reftrace.inet.TimerList;
import org.reftrace.inet.Workqueue;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.KernelMessage;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * {@code net/ipv6/addrconf.c}: every registered device gets an {@link Inet6Dev} (which holds it); IPv6 addresses
 * ({@link Inet6Ifaddr}, each holding its {@code inet6_dev}) are added and deleted with {@code ip -6 addr};
 * duplicate address detection runs as work on {@code addrconf_wq} holding the address; router solicitation runs
 * from a timer holding the {@code inet6_dev}; {@code NETDEV_UNREGISTER} runs {@code addrconf_ifdown()}, which
 * cancels both, deletes the addresses, stops multicast ({@link Mcast6}) and drops the {@code ip6_ptr} reference.
 *
 * <p>Model-only in when things run: the DAD work runs when {@link #addrconfWq()} is flushed and the router
 * solicitation timer when {@link #timers()} run; with {@code accept_dad} off (the model's default) an address is
 * usable at once. The pre-fix behaviours of two historical bugs can be switched on ({@link DadFailureRef},
 * {@link RsTimerRef}).
 */
public final class Inet6 implements NotifierModule {
    /** {@code MAX_RTR_SOLICITATIONS}: router solicitations sent before giving up. */
    static final int RTR_SOLICITS = 3;

    /** How DAD failure hands the address reference from {@code ndisc_recv_ns()} to the DAD work. */
    public enum DadFailureRef {
        /** 751eb6b6042a: {@code addrconf_dad_failure()} puts its reference; the work holds one to stop DAD. */
        PUT_BY_FAILURE,
        /**
         * Before 751eb6b6042a: {@code addrconf_dad_failure()} keeps the caller's reference and the work's
         * {@code addrconf_dad_stop()} consumes it, which balances only if each failure runs the work once.
         */
        KEPT_FOR_DAD_STOP
    }

    /** When {@code addrconf_mod_rs_timer()} takes the timer's reference on the {@code inet6_dev}. */
    public enum RsTimerRef {
        /** 06a0716949c2: if {@code mod_timer()} says the timer was not pending. */
        IF_MOD_TIMER_WAS_IDLE,
        /** Before 06a0716949c2: if {@code timer_pending()} said so just before {@code mod_timer()}: a race. */
        IF_NOT_PENDING_BEFORE
    }

    private final Workqueue addrconfWq = new Workqueue("addrconf");
    private final TimerBase timers = new TimerBase("ksoftirqd/0");
    private final Map<Inet6Dev, RsTimer> rsTimers = new ConcurrentHashMap<>();
    private final Map<Inet6Ifaddr, DadWork> dadWorks = new ConcurrentHashMap<>();
    private final List<InetaddrNotifier> inet6addrChain = new CopyOnWriteArrayList<>();
    private final Mcast6 mcast = new Mcast6();
    private final Ndisc ndisc = new Ndisc(this);
    private volatile DadFailureRef dadFailureRef = DadFailureRef.PUT_BY_FAILURE;
    private volatile RsTimerRef rsTimerRef = RsTimerRef.IF_MOD_TIMER_WAS_IDLE;

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setDadFailureRef(DadFailureRef ref) {
        dadFailureRef = ref;
    }

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setRsTimerRef(RsTimerRef ref) {
        rsTimerRef = ref;
    }

    @Override
    public String name() {
        return "ipv6";
    }

    /** {@code addrconf_wq}: DAD work runs when it is flushed. */
    public Workqueue addrconfWq() {
        return addrconfWq;
    }

    /** The router solicitation timers: they expire when run. */
    public TimerBase timers() {
        return timers;
    }

    /** {@code net/ipv6/mcast.c}: MLD state of every device. */
    public Mcast6 mcast() {
        return mcast;
    }

    /** {@code net/ipv6/ndisc.c}: the neighbour discovery messages this stack receives. */
    public Ndisc ndisc() {
        return ndisc;
    }

    /** {@code register_inet6addr_notifier()}. */
    public void registerInet6addrNotifier(InetaddrNotifier notifier) {
        inet6addrChain.add(notifier);
    }

    /** {@code unregister_inet6addr_notifier()}. */
    public void unregisterInet6addrNotifier(InetaddrNotifier notifier) {
        inet6addrChain.remove(notifier);
    }

    /** The router solicitation timer of {@code idev} (made on first use). */
    public RsTimer rsTimer(Inet6Dev idev) {
        return rsTimers.computeIfAbsent(idev, RsTimer::new);
    }

    /** {@code addrconf_notify()}, the module's notifier. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        switch (event) {
            case REGISTER -> {
                if (__in6DevGet(dev) == null) {
                    ipv6AddDev(dev);
                }
            }
            case UP -> {
                Inet6Dev idev = __in6DevGet(dev);
                if (idev != null) {
                    rsTimer(idev).ready = true; // IF_READY
                }
            }
            case DOWN -> addrconfIfdown(dev, false);
            case UNREGISTER -> addrconfIfdown(dev, true);
            default -> { }
        }
        return 0;
    }

    /**
     * {@code inet6_rtm_newaddr()} ({@code ip -6 addr add ADDR/LEN dev DEV}): one netlink request, under rtnl.
     * Returns 0, {@code -ENODEV}, {@code -EINVAL} (not an IPv6 prefix) or {@code -EEXIST}. With
     * {@code accept_dad} on and the device up, the address stays tentative until the DAD work runs.
     */
    public int inet6RtmNewaddr(Net net, String devName, String address) {
        Optional<IpPrefix> prefix = IpPrefix.parse(address, AddressFamily.INET6);
        if (prefix.isEmpty() || prefix.get().family() != AddressFamily.INET6) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.onDevice(net, devName, Addrconf::__in6DevGet, idev -> inet6AddrAdd(idev, prefix.get()));
    }

    /**
     * {@code inet6_rtm_deladdr()} ({@code ip -6 addr del ADDR/LEN dev DEV}): returns 0, {@code -ENODEV},
     * {@code -EINVAL} or {@code -EADDRNOTAVAIL}.
     */
    public int inet6RtmDeladdr(Net net, String devName, String address) {
        Optional<IpPrefix> prefix = IpPrefix.parse(address, AddressFamily.INET6);
        if (prefix.isEmpty() || prefix.get().family() != AddressFamily.INET6) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.onDevice(net, devName, Addrconf::__in6DevGet, idev -> {
            for (Inet6Ifaddr ifp : idev.addresses()) {
                if (ifp.addr().equals(prefix.get())) {
                    in6IfaHold(ifp); // inet6_addr_del(): ipv6_del_addr() wants a referenced ifp
                    deleteAddress(ifp);
                    return 0;
                }
            }
            return -Errno.EADDRNOTAVAIL;
        });
    }

    /**
     * {@code inet6_set_iftoken()} ({@code ip token set TOKEN dev DEV}): sets the interface identifier and, if the
     * device is ready and has a usable link-local address, solicits routers again ({@code addrconf_mod_rs_timer()}).
     * Returns 0, {@code -ENODEV} or {@code -EINVAL}.
     */
    public int inet6SetIftoken(Net net, String devName, String token) {
        Optional<IpPrefix> parsed = IpPrefix.parse(token, AddressFamily.INET6);
        if (parsed.isEmpty() || parsed.get().family() != AddressFamily.INET6) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.onDevice(net, devName, Addrconf::__in6DevGet, idev -> {
            RsTimer rs = rsTimer(idev);
            if (!idev.isDead() && rs.ready && usableLinkLocal(idev)) {
                rs.probes = 1;
                rs.addrconfModRsTimer(1);
            }
            return 0;
        });
    }

    /** {@code sysctl -w net.ipv6.conf.DEV.accept_dad=0|1}: returns 0 or {@code -ENODEV}. */
    public int setAcceptDad(Net net, String devName, boolean on) {
        return RtnlRequest.onDevice(net, devName, Addrconf::__in6DevGet, idev -> {
            idev.setAcceptDad(on);
            return 0;
        });
    }

    /** Whether {@code gw} is on a subnet of one of {@code dev}'s addresses (the connected routes). */
    public boolean onLink(NetDevice dev, IpAddr gw) {
        Inet6Dev idev = __in6DevGet(dev);
        return idev != null && idev.addresses().stream().anyMatch(ifp -> ifp.addr().network().contains(gw));
    }

    /** {@code inet6_addr_add()}. */
    private int inet6AddrAdd(Inet6Dev idev, IpPrefix prefix) {
        for (Inet6Ifaddr existing : idev.addresses()) {
            if (existing.addr().addr().equals(prefix.addr())) {
                return -Errno.EEXIST; // ipv6_add_addr_hash()
            }
        }
        Inet6Ifaddr ifp = ipv6AddAddr(idev, prefix);
        for (InetaddrNotifier notifier : inet6addrChain) {
            notifier.onAddress(NetdevEvent.UP, idev.dev(), prefix); // addrconf_prefix_route()
        }
        addrconfDadStart(ifp);
        in6IfaPut(ifp); // the caller's reference
        return 0;
    }

    /** {@code addrconf_dad_start()}: DAD only on a device that is up, with {@code accept_dad}. */
    private void addrconfDadStart(Inet6Ifaddr ifp) {
        Inet6Dev idev = ifp.idev();
        if (!idev.acceptDad() || !idev.dev().isUp() || idev.dev() == idev.dev().net().loopback()) {
            ifp.setState(Inet6Ifaddr.State.POSTDAD);
            addrconfDadCompleted(ifp);
            return;
        }
        ifp.setTentative(true);
        dadWork(ifp).addrconfModDadWork(0);
    }

    /**
     * {@code addrconf_dad_completed()}: the address is usable; the device's first link-local address starts
     * router solicitation.
     */
    void addrconfDadCompleted(Inet6Ifaddr ifp) {
        ifp.setTentative(false);
        Inet6Dev idev = ifp.idev();
        RsTimer rs = rsTimer(idev);
        if (isLinkLocal(ifp.addr().addr()) && rs.ready && idev.dev() != idev.dev().net().loopback() && !rs.sent) {
            rs.sent = true; // IF_RS_SENT
            rs.probes = 1;
            rs.addrconfModRsTimer(1);
        }
    }

    /** {@code addrconf_dad_failure()}: a neighbour solicitation for a tentative address came in. */
    void addrconfDadFailure(Inet6Ifaddr ifp) {
        ifp.idev().kernel().log().report(KernelMessage.Kind.MESSAGE, ifp.name(), "IPv6: " + ifp.idev().dev().name()
                + ": IPv6 duplicate address " + ifp.addr().addr() + " detected!");
        ifp.setState(Inet6Ifaddr.State.ERRDAD);
        dadWork(ifp).addrconfModDadWork(0);
        if (dadFailureRef == DadFailureRef.PUT_BY_FAILURE) {
            in6IfaPut(ifp);
        }
    }

    /** {@code addrconf_dad_stop(ifp, dad_failed=1)} of a permanent address: it stays, failed; consumes a reference. */
    private void addrconfDadStop(Inet6Ifaddr ifp) {
        ifp.setTentative(true);
        ifp.setDadFailed(true);
        ifp.setState(Inet6Ifaddr.State.POSTDAD);
        in6IfaPut(ifp);
    }

    /** {@code ipv6_del_addr()} with its notifications; consumes the caller's reference. */
    private void deleteAddress(Inet6Ifaddr ifp) {
        DadWork work = dadWorks.remove(ifp);
        if (work != null) {
            work.addrconfDelDadWork();
        }
        for (InetaddrNotifier notifier : inet6addrChain) {
            notifier.onAddress(NetdevEvent.DOWN, ifp.idev().dev(), ifp.addr());
        }
        ipv6DelAddr(ifp);
    }

    /** {@code addrconf_ifdown(dev, unregister)}: idempotent, since the wait re-sends NETDEV_UNREGISTER. */
    private void addrconfIfdown(NetDevice dev, boolean unregister) {
        Inet6Dev idev = __in6DevGet(dev);
        if (idev == null) {
            return;
        }
        RsTimer rs = rsTimers.get(idev);
        if (rs != null) {
            rs.addrconfDelRsTimer();
            rs.ready = false;
            rs.sent = false;
            rs.raReceived = false;
        }
        if (!unregister) {
            return;
        }
        for (Inet6Ifaddr ifp : idev.addresses()) {
            in6IfaHold(ifp);
            deleteAddress(ifp);
        }
        mcast.ipv6McDestroyDev(idev);
        rsTimers.remove(idev);
        addrconfIfdownUnregister(idev);
    }

    private DadWork dadWork(Inet6Ifaddr ifp) {
        return dadWorks.computeIfAbsent(ifp, DadWork::new);
    }

    void routerAdvertisementReceived(Inet6Dev idev) {
        rsTimer(idev).raReceived = true; // IF_RA_RCVD
    }

    private static boolean isLinkLocal(IpAddr a) {
        return (a.hi() >>> 54) == 0x3fa; // fe80::/10
    }

    private static boolean usableLinkLocal(Inet6Dev idev) {
        return idev.addresses().stream().anyMatch(ifp -> isLinkLocal(ifp.addr().addr()) && !ifp.isTentative());
    }

    /**
     * {@code ifp->dad_work}: duplicate address detection of one address. While queued it holds the address
     * ({@link #addrconfModDadWork}); the work drops that reference when it ends.
     */
    public final class DadWork {
        private final Inet6Ifaddr ifp;
        private final DelayedWork work;

        DadWork(Inet6Ifaddr ifp) {
            this.ifp = ifp;
            this.work = new DelayedWork("addrconf_dad_work " + ifp.addr(), this::addrconfDadWork);
        }

        /** {@code addrconf_mod_dad_work()}: holds the address for the work unless it was already queued. */
        void addrconfModDadWork(long delay) {
            in6IfaHold(ifp);
            if (addrconfWq.modDelayedWork(work, delay)) {
                in6IfaPut(ifp);
            }
        }

        /** {@code addrconf_del_dad_work()}: a cancelled work's reference is dropped. */
        void addrconfDelDadWork() {
            if (addrconfWq.cancelDelayedWork(work)) {
                __in6IfaPut(ifp);
            }
        }

        /** {@code addrconf_dad_work()}: completes or, after a failure, stops DAD; puts the work's reference. */
        void addrconfDadWork() {
            if (ifp.state() == Inet6Ifaddr.State.DEAD) {
                in6IfaPut(ifp);
                return;
            }
            if (ifp.state() == Inet6Ifaddr.State.ERRDAD) {
                if (dadFailureRef == DadFailureRef.PUT_BY_FAILURE) {
                    in6IfaHold(ifp); // addrconf_dad_stop() consumes a reference
                }
                addrconfDadStop(ifp);
            } else if (ifp.isTentative()) {
                ifp.setState(Inet6Ifaddr.State.POSTDAD);
                addrconfDadCompleted(ifp);
            }
            in6IfaPut(ifp);
        }
    }

    /**
     * {@code idev->rs_timer}: router solicitation. While armed it holds the {@code inet6_dev}; the callback drops
     * that reference when it ends, after re-arming itself (taking a new one) while probes remain and no router
     * has answered.
     */
    public final class RsTimer {
        private final Inet6Dev idev;
        private final TimerList timer;
        volatile boolean ready;
        volatile boolean sent;
        volatile boolean raReceived;
        volatile int probes;

        RsTimer(Inet6Dev idev) {
            this.idev = idev;
            this.timer = new TimerList(timers, "rs_timer " + idev.dev().name(), this::addrconfRsTimer);
        }

        /** The timer itself, e.g. to arrange a race in a scenario. */
        public TimerList timer() {
            return timer;
        }

        /** {@code addrconf_mod_rs_timer()}: arms the timer, holding the {@code inet6_dev} for it. */
        void addrconfModRsTimer(long when) {
            if (rsTimerRef == RsTimerRef.IF_NOT_PENDING_BEFORE) {
                if (!timer.timerPending()) {
                    in6DevHold(idev);
                }
                timer.modTimer(when);
            } else if (!timer.modTimer(when)) {
                in6DevHold(idev);
            }
        }

        /** {@code addrconf_del_rs_timer()}: a pending timer's reference is dropped. */
        void addrconfDelRsTimer() {
            if (timer.delTimer()) {
                __in6DevPut(idev);
            }
        }

        /** {@code addrconf_rs_timer()}: the callback, on the softirq thread. */
        void addrconfRsTimer() {
            if (!idev.isDead() && ready && !raReceived) {
                if (probes++ < RTR_SOLICITS) {
                    addrconfModRsTimer(4);
                } else {
                    idev.kernel().log().report(KernelMessage.Kind.MESSAGE, idev.name(),
                            idev.dev().name() + ": no IPv6 routers present");
                }
            }
            in6DevPut(idev);
        }
    }
}
