package org.reftrace.inet;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.netdev.KernelMessage;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code struct inet6_dev}: a device's IPv6 state. <b>Holds</b> its device ({@link #devTracker}, taken when made,
 * as {@code ipv6_add_dev()} does). <b>Held by</b> the device's {@code ip6_ptr} (the reference it starts with),
 * each of its addresses ({@link Inet6Ifaddr}), each IPv6 route entry made on the device ({@link Rt6Info}'s
 * {@code rt6i_idev}), timers and work that run for it, and users of {@link Addrconf#in6DevGet}. The last put runs
 * {@code in6_dev_finish_destroy()}: the device is put and, if {@code addrconf_ifdown()} marked it dead, the memory
 * is freed after a grace period; one still alive is reported ({@code Freeing alive inet6 device}) and kept.
 */
public final class Inet6Dev extends Refcounted {
    final NetDevice dev;
    /** {@code idev->dev_tracker}. */
    final NetdevTracker devTracker = new NetdevTracker();
    /** {@code idev->addr_list}. */
    final List<Inet6Ifaddr> addrList = new CopyOnWriteArrayList<>();
    private volatile boolean dead;
    private volatile boolean acceptDad;

    /** {@code ipv6_add_dev()}'s allocation: refcnt 1 ("one reference from device"), holding {@code dev}. */
    Inet6Dev(NetDevice dev) {
        super(dev.kernel(), 1);
        this.dev = dev;
        netdevHold(dev, devTracker);
    }

    @Override
    public String name() {
        return "inet6_dev(" + dev.name() + ")";
    }

    /** {@code idev->dev}. */
    public NetDevice dev() {
        return dev;
    }

    /** {@code idev->dead}: set by {@code addrconf_ifdown()} when the device is unregistered. */
    public boolean isDead() {
        return dead;
    }

    void markDead() {
        dead = true;
    }

    /** The addresses ({@code idev->addr_list}). */
    public List<Inet6Ifaddr> addresses() {
        return List.copyOf(addrList);
    }

    /**
     * The sysctl {@code net.ipv6.conf.DEV.accept_dad}. Model default: off, so addresses are usable at once
     * ({@code ip addr add ... nodad}); with it on, an address on a device that is up stays tentative until
     * duplicate address detection completes.
     */
    public boolean acceptDad() {
        return acceptDad;
    }

    public void setAcceptDad(boolean on) {
        acceptDad = on;
    }

    /** {@code in6_dev_finish_destroy()}. */
    void finishDestroy() {
        if (!addrList.isEmpty()) {
            report(KernelMessage.Kind.WARN, "WARNING: in6_dev_finish_destroy: " + name() + " still has addresses\n"
                    + kernel().dumpStack());
        }
        netdevPut(dev, devTracker);
        if (!dead) {
            report(KernelMessage.Kind.MESSAGE, "Freeing alive inet6 device " + name());
            return;
        }
        kernel().rcu().callRcu(this::markFreed); // in6_dev_finish_destroy_rcu()
    }
}
