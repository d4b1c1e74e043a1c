package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code netdev_run_todo()} and {@code netdev_wait_allrefs_any()}: the half of unregistration that runs after
 * rtnl is released. Each device on the todo list becomes UNREGISTERED, waits until its usage count is back to
 * 1, runs its {@code priv_destructor}, is freed if {@code needs_free_netdev}, and drops its kobject reference.
 *
 * <p>Implementation notes. The wait polls as the kernel does: every second it takes rtnl and re-sends
 * {@code NETDEV_UNREGISTER} (holders get another chance to let go) and runs pending linkwatch events; every pass
 * runs RCU callbacks; between polls it sleeps 1, 2, 4 ... up to 250 ms; every
 * {@code netdev_unregister_timeout_secs} it prints the "waiting for" warning and the tracker report. Modern kernels complete whichever device reaches
 * 1 first; with {@link Quirk#IN_ORDER_COMPLETION} each device is waited for in list order, which hangs
 * stacked devices whose upper device releases its lower one only in its destructor. A real wait never gives
 * up; the model's escape ({@link KernelConfig#waitEscape()}, or an interrupt) records a {@link WaitHang} and
 * leaves the device UNREGISTERED and undestroyed, as a hung kernel would.
 */
final class TodoRunner {
    static final long REBROADCAST_NANOS = 1_000_000_000L;
    static final long WAIT_REFS_MIN_MSECS = 1;
    static final long WAIT_REFS_MAX_MSECS = 250;

    private TodoRunner() {}

    /** Called by {@link Rtnl#unlock()} with rtnl held; returns with it released. */
    static void netdevRunTodo(Kernel kernel) {
        List<NetDevice> list;
        synchronized (kernel.todoList) {
            list = new ArrayList<>(kernel.todoList);
            kernel.todoList.clear();
        }
        kernel.rtnl().unlockWithoutTodo();
        if (list.isEmpty()) {
            return;
        }
        kernel.rcu().rcuBarrier();
        for (NetDevice dev : List.copyOf(list)) {
            if (dev.regState != RegState.UNREGISTERING) {
                kernel.log().warn(dev, "netdevice: " + dev.name + ": run_todo but not unregistering");
                list.remove(dev);
                continue;
            }
            dev.regState = RegState.UNREGISTERED;
            kernel.linkwatch().syncDev(dev);
        }
        boolean inOrder = kernel.config().has(Quirk.IN_ORDER_COMPLETION);
        while (!list.isEmpty()) {
            List<NetDevice> waitedFor = inOrder ? List.of(list.get(0)) : List.copyOf(list);
            NetDevice dev = netdevWaitAllRefs(kernel, waitedFor);
            if (dev == null) {
                list.removeAll(waitedFor); // the model's escape: these stay hung
                continue;
            }
            list.remove(dev);
            destroy(dev);
        }
    }

    /** The end of a device's life, once only the allocation's own reference is left. */
    private static void destroy(NetDevice dev) {
        Kernel kernel = dev.kernel;
        if (dev.refcnt.read() != 1) {
            throw kernel.log().bug(dev, "netdev_run_todo with references left",
                    "device " + dev.name + " has usage count " + dev.refcnt.read());
        }
        if (dev.ipPtr() != null || dev.ip6Ptr() != null) {
            // netdev_run_todo(): WARN_ON(rcu_access_pointer(dev->ip_ptr)), and the same for ip6_ptr
            kernel.log().warn(dev, "netdev_run_todo: " + dev.name + " still has its "
                    + (dev.ipPtr() != null ? "ip_ptr" : "ip6_ptr") + " set");
        }
        if (dev.privDestructor() != null) {
            dev.privDestructor().accept(dev);
        }
        if (kernel.config().has(Quirk.LEGACY_DESTRUCTOR) && dev.legacyDestructor() != null) {
            dev.legacyDestructor().accept(dev);
        }
        if (dev.needsFreeNetdev()) {
            Registration.freeNetdev(dev);
        }
        Memory.kobjectPut(dev);
    }

    /**
     * {@code netdev_wait_allrefs_any()}: waits until one of {@code devices} is down to its last reference.
     *
     * <p>As in v6.10+ ({@code cd42ba1c8ac9}), {@code rcu_barrier()} runs on every pass, not only the first. The
     * warning comes every {@code netdev_unregister_timeout_secs} exactly: its deadlines are counted from the start
     * of the wait (the kernel restarts the interval after printing, which drifts by a sleep each time), the
     * back-off sleep is cut short so as not to oversleep a deadline, and each message is stamped when it is
     * printed.
     *
     * @return that device, or {@code null} when the model's escape gave up on all of them
     */
    static NetDevice netdevWaitAllRefs(Kernel kernel, List<NetDevice> devices) {
        Clock clock = kernel.clock();
        long start = clock.nanoTime();
        long rebroadcastAt = start;
        long nextWarningAt = start + kernel.config().unregisterTimeoutSecs() * 1_000_000_000L;
        long waitMsecs = 0;
        NetDevice done = firstFree(devices);
        while (done == null) {
            if (clock.nanoTime() - rebroadcastAt > REBROADCAST_NANOS) {
                rebroadcast(kernel, devices);
                rebroadcastAt = clock.nanoTime();
            }
            kernel.rcu().rcuBarrier();
            if (waitMsecs == 0) {
                waitMsecs = WAIT_REFS_MIN_MSECS;
            } else {
                long untilWarning = (nextWarningAt - clock.nanoTime() + 999_999L) / 1_000_000L;
                if (!sleep(clock, Math.max(1, Math.min(waitMsecs, untilWarning)))) {
                    return giveUp(kernel, devices, start);
                }
                waitMsecs = Math.min(waitMsecs * 2, WAIT_REFS_MAX_MSECS);
            }
            done = firstFree(devices);
            if (done != null) {
                break;
            }
            long now = clock.nanoTime();
            if (now >= nextWarningAt) {
                devices.forEach(dev -> warnWaiting(kernel, dev));
                long interval = kernel.config().unregisterTimeoutSecs() * 1_000_000_000L;
                while (nextWarningAt <= clock.nanoTime()) {
                    nextWarningAt += interval; // a deadline missed while printing is skipped, not bunched
                }
            }
            long escapeNanos = kernel.config().waitEscape().toNanos();
            if (escapeNanos > 0 && now - start >= escapeNanos) {
                return giveUp(kernel, devices, start);
            }
        }
        return done;
    }

    /** The kernel's warning and, with trackers, the report of who holds the references. */
    static void warnWaiting(Kernel kernel, NetDevice dev) {
        String text = "unregister_netdevice: waiting for " + dev.name + " to become free. Usage count = "
                + dev.refcnt.read();
        if (kernel.config().refcntTracker() && dev.trackers.liveCount() > 0) {
            text += "\n" + dev.trackers.report(10);
        }
        kernel.log().log(KernelMessage.Kind.MESSAGE, dev, text);
    }

    private static NetDevice firstFree(List<NetDevice> devices) {
        return devices.stream().filter(d -> d.refcnt.read() == 1).findFirst().orElse(null);
    }

    private static void rebroadcast(Kernel kernel, List<NetDevice> devices) {
        kernel.rtnl().lock();
        try {
            devices.forEach(dev -> kernel.notifiers().call(NetdevEvent.UNREGISTER, dev));
        } finally {
            kernel.rtnl().unlockWithoutTodo();
        }
        kernel.rcu().rcuBarrier();
        kernel.rtnl().lock();
        try {
            if (devices.stream().anyMatch(dev -> dev.linkwatchPending)) {
                kernel.linkwatch().runQueue();
            }
        } finally {
            kernel.rtnl().unlockWithoutTodo();
        }
    }

    private static boolean sleep(Clock clock, long msecs) {
        try {
            clock.sleepMillis(msecs);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag for the caller; the wait ends like the escape
            return false;
        }
    }

    private static NetDevice giveUp(Kernel kernel, List<NetDevice> devices, long start) {
        long waited = kernel.clock().nanoTime() - start;
        for (NetDevice dev : devices) {
            kernel.recordHang(new WaitHang(dev.name, dev.refcnt.read(), waited));
            kernel.log().warn(dev, "reftrace model: gave up waiting for " + dev.name + " after "
                    + waited / 1_000_000L + " ms, usage count " + dev.refcnt.read()
                    + " (model-only escape: a real kernel waits forever)");
        }
        return null;
    }
}
