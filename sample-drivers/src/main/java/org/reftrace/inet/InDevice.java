package org.reftrace.inet;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.netdev.KernelMessage;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code struct in_device}: a device's IPv4 state. <b>Holds</b> its device (tracked in {@link #devTracker}, taken
 * when made, as {@code inetdev_init()} does). <b>Held by</b> the device's {@code ip_ptr} (the reference it starts
 * with), each of its addresses ({@link InIfaddr}), and any user of {@link Inetdevice#inDevGet}. The last put
 * ({@link Inetdevice#inDevPut}) runs {@code in_dev_finish_destroy()}: the device is put and, if the
 * {@code in_device} was marked dead by {@code inetdev_destroy()}, its memory is freed; one that is still alive
 * is reported ({@code Freeing alive in_device}) and kept, as the kernel does.
 *
 * <p>Made by {@link Inetdevice#inetdevInit}, the per-device state and addresses are managed by the IPv4 stack
 * ({@code org.reftrace.stack.Inet}).
 */
public final class InDevice extends Refcounted {
    final NetDevice dev;
    /** {@code in_dev->dev_tracker}. */
    final NetdevTracker devTracker = new NetdevTracker();
    /** {@code in_dev->ifa_list}, primaries first. */
    final List<InIfaddr> ifaList = new CopyOnWriteArrayList<>();
    private volatile boolean dead;
    private volatile boolean promoteSecondaries;

    /** {@code inetdev_init()}'s allocation: refcnt 1 (the device's {@code ip_ptr}), holding {@code dev}. */
    InDevice(NetDevice dev) {
        super(dev.kernel(), 1);
        this.dev = dev;
        netdevHold(dev, devTracker); // "Reference in_dev->dev"
    }

    @Override
    public String name() {
        return "in_device(" + dev.name() + ")";
    }

    /** {@code in_dev->dev}. */
    public NetDevice dev() {
        return dev;
    }

    /** {@code in_dev->dead}: set by {@code inetdev_destroy()}. */
    public boolean isDead() {
        return dead;
    }

    void markDead() {
        dead = true;
    }

    /** The addresses, primaries first ({@code in_dev->ifa_list}). */
    public List<InIfaddr> addresses() {
        return List.copyOf(ifaList);
    }

    /** {@code in_dev->ifa_list} itself, for the IPv4 stack that links and unlinks addresses (under rtnl). */
    public List<InIfaddr> addressesForUpdate() {
        return ifaList;
    }

    /** The sysctl {@code net.ipv4.conf.DEV.promote_secondaries}: deleting a primary promotes a secondary. */
    public boolean promoteSecondaries() {
        return promoteSecondaries;
    }

    /** Sets {@code promote_secondaries} ({@code IN_DEV_PROMOTE_SECONDARIES}). */
    public void setPromoteSecondaries(boolean on) {
        promoteSecondaries = on;
    }

    /** {@code in_dev_finish_destroy()}: the last reference is gone. */
    void finishDestroy() {
        if (!ifaList.isEmpty()) {
            report(KernelMessage.Kind.WARN, "WARNING: in_dev_finish_destroy: " + name() + " still has addresses\n"
                    + kernel().dumpStack());
        }
        netdevPut(dev, devTracker);
        if (!dead) {
            report(KernelMessage.Kind.MESSAGE, "Freeing alive in_device " + name());
            return;
        }
        markFreed();
    }
}
