package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code net/core/link_watch.c}: carrier changes are queued and handled later on a kworker
 * ({@code linkwatch_work} on {@code system_unbound_wq}), at most once a second unless the event is urgent. A device
 * with an event queued is held through {@code dev->linkwatch_dev_tracker} until the event runs. Running an event
 * ({@code linkwatch_do_dev()}) updates the operational state and, on a running device, sends
 * {@code NETDEV_CHANGE}: that is where upper devices' drivers (vlan, macvlan, bridge, bond) hear of a carrier
 * change. The reference wait runs the queue itself, and {@code netdev_run_todo()} runs a dying device's pending
 * event ({@code linkwatch_sync_dev()}), so a queued event never hangs an unregistration.
 *
 * <p>Thread-safe.
 */
public final class Linkwatch {
    /** {@code HZ}: events are batched at most once a second. */
    static final long HZ_NANOS = 1_000_000_000L;
    /** {@code __linkwatch_run_queue()} handles at most 100 devices per run. */
    static final int MAX_DO_DEV = 100;

    private final Kernel kernel;
    /** {@code lweventlist}. */
    private final List<NetDevice> eventList = new ArrayList<>();
    /** {@code linkwatch_nextevent}, model nanoseconds. */
    private long nextEventNanos;
    /** {@code LW_URGENT}. */
    private boolean urgentScheduled;
    private final DelayedWork linkwatchWork = new DelayedWork(w -> linkwatchEvent());
    private int eventsRun;

    Linkwatch(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * {@code linkwatch_fire_event()}: queues an event for the device, holding it through its linkwatch tracker
     * until the event runs, and schedules the work: at once when urgent, else at most once a second.
     */
    public void fireEvent(NetDevice dev) {
        boolean urgent = urgentEvent(dev);
        boolean added;
        synchronized (this) {
            if (!dev.linkwatchPending) {
                dev.linkwatchPending = true;
                added = !eventList.contains(dev);
                if (added) {
                    eventList.add(dev); // linkwatch_add_event()
                }
            } else if (!urgent) {
                return;
            } else {
                added = false;
            }
        }
        if (added) {
            Dev.netdevHold(dev, dev.linkwatchDevTracker);
        }
        scheduleWork(urgent);
    }

    /** {@code linkwatch_run_queue()}, under rtnl: runs every pending event and puts the references they held. */
    public void runQueue() {
        runQueue(false);
    }

    /** {@code linkwatch_sync_dev()}: runs the device's pending event, if any. */
    public void syncDev(NetDevice dev) {
        synchronized (this) {
            if (!eventList.remove(dev)) {
                return;
            }
        }
        doDev(dev);
    }

    /** Events run so far. Model-only. */
    public synchronized int eventsRun() {
        return eventsRun;
    }

    /** Devices with an event queued. Model-only. */
    public synchronized int pending() {
        return eventList.size();
    }

    /** {@code linkwatch_urgent_event()}: events of running stacked devices and of bonds are not batched. */
    private static boolean urgentEvent(NetDevice dev) {
        if (!dev.up) {
            return false;
        }
        if (dev.ifindex != dev.netdevOps().ndoGetIflink(dev)) {
            return true;
        }
        return LinkState.isLagPort(dev) || LinkState.isLagMaster(dev);
    }

    /** {@code linkwatch_schedule_work()}. */
    private void scheduleWork(boolean urgent) {
        long delayNanos;
        boolean mod;
        synchronized (this) {
            delayNanos = nextEventNanos - kernel.clock().nanoTime();
            if (urgentScheduled) {
                return;
            }
            if (urgent) {
                urgentScheduled = true;
                delayNanos = 0;
            }
            if (delayNanos > HZ_NANOS || delayNanos < 0) {
                delayNanos = 0; // "if we wrap around we'll delay it by at most HZ"
            }
            mod = urgentScheduled;
        }
        long delayMillis = (delayNanos + 999_999) / 1_000_000L;
        if (mod) {
            Dev.modDelayedWork(kernel.systemUnboundWq(), linkwatchWork, 0);
        } else {
            Dev.queueDelayedWork(kernel.systemUnboundWq(), linkwatchWork, delayMillis);
        }
    }

    /** {@code linkwatch_event()}: the work function. */
    private void linkwatchEvent() {
        kernel.rtnl().lock();
        try {
            boolean urgentOnly;
            synchronized (this) {
                urgentOnly = nextEventNanos > kernel.clock().nanoTime();
            }
            runQueue(urgentOnly);
        } finally {
            kernel.rtnl().unlock();
        }
    }

    /** {@code __linkwatch_run_queue()}. */
    private void runQueue(boolean urgentOnly) {
        List<NetDevice> work;
        synchronized (this) {
            long now = kernel.clock().nanoTime();
            if (!urgentOnly) {
                nextEventNanos = now + HZ_NANOS;
            } else if (nextEventNanos > now + HZ_NANOS) {
                nextEventNanos = now;
            }
            urgentScheduled = false;
            work = new ArrayList<>(eventList);
            eventList.clear();
        }
        int budget = MAX_DO_DEV;
        List<NetDevice> left = new ArrayList<>();
        for (NetDevice dev : work) {
            if (budget == 0 || (urgentOnly && !urgentEvent(dev))) {
                left.add(dev);
                continue;
            }
            doDev(dev);
            budget--;
        }
        boolean more;
        synchronized (this) {
            eventList.addAll(0, left);
            more = !eventList.isEmpty();
        }
        if (more) {
            scheduleWork(false);
        }
    }

    /** {@code linkwatch_do_dev()}: the event itself; then the reference it held goes. */
    private void doDev(NetDevice dev) {
        synchronized (this) {
            dev.linkwatchPending = false;
            eventsRun++;
        }
        LinkState.rfc2863Policy(dev);
        if (dev.up) {
            LinkState.netdevStateChange(dev);
        }
        Dev.netdevPut(dev, dev.linkwatchDevTracker);
    }
}
