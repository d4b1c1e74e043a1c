package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code net/core/link_watch.c}: carrier events are queued and handled later; a device with an event pending
 * is held ({@code __LINK_STATE_LINKWATCH_PENDING}) until the event runs. The wait for references runs a
 * pending event itself, so a queued event never hangs an unregistration.
 *
 * <p>Thread-safe.
 */
public final class Linkwatch {
    private final List<NetDevice> queue = new ArrayList<>();
    private int eventsRun;

    /** {@code linkwatch_fire_event()}: queues an event for the device, holding it until the event runs. */
    public void fireEvent(NetDevice dev) {
        synchronized (this) {
            if (dev.linkwatchPending) {
                return;
            }
            dev.linkwatchPending = true;
            queue.add(dev);
        }
        Dev.devHold(dev);
    }

    /** {@code linkwatch_run_queue()}: runs every pending event and puts the references they held. */
    public void runQueue() {
        List<NetDevice> batch;
        synchronized (this) {
            batch = new ArrayList<>(queue);
            queue.clear();
        }
        batch.forEach(this::runEvent);
    }

    /** {@code linkwatch_sync_dev()}: runs the device's pending event, if any. */
    public void syncDev(NetDevice dev) {
        synchronized (this) {
            if (!queue.remove(dev)) {
                return;
            }
        }
        runEvent(dev);
    }

    private void runEvent(NetDevice dev) {
        synchronized (this) {
            dev.linkwatchPending = false;
            eventsRun++;
        }
        Dev.devPut(dev);
    }

    /** Events run so far. */
    public synchronized int eventsRun() {
        return eventsRun;
    }
}
