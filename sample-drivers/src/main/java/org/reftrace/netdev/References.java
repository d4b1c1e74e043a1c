package org.reftrace.netdev;

/**
 * Device references: {@code dev_hold}/{@code dev_put}, the tracked {@code netdev_hold}/{@code netdev_put}, the
 * lookups that take a reference, and the memory checks a KASAN/refcount_t kernel makes on each of them.
 */
final class References {
    private References() {}

    static void devHold(NetDevice dev) {
        if (dev == null || !Memory.isLive(dev, "dev_hold")) {
            return;
        }
        dev.refcnt.hold();
        dev.trackers.holdUntracked();
    }

    static void devPut(NetDevice dev) {
        if (dev == null || !Memory.isLive(dev, "dev_put")) {
            return;
        }
        dev.trackers.putUntracked();
        checkUnderflow(dev, dev.refcnt.put(), "dev_put");
    }

    static void netdevHold(NetDevice dev, NetdevTracker tracker) {
        if (dev == null || !Memory.isLive(dev, "netdev_hold")) {
            return;
        }
        dev.refcnt.hold();
        trackerAlloc(dev, tracker);
    }

    static void netdevPut(NetDevice dev, NetdevTracker tracker) {
        if (dev == null || !Memory.isLive(dev, "netdev_put")) {
            return;
        }
        trackerFree(dev, tracker);
        checkUnderflow(dev, dev.refcnt.put(), "netdev_put");
    }

    /** {@code netdev_tracker_alloc()}: turns an untracked reference (from a lookup) into a tracked one. */
    static void netdevTrackerAlloc(NetDevice dev, NetdevTracker tracker) {
        if (dev == null) {
            return;
        }
        dev.trackers.putUntracked();
        trackerAlloc(dev, tracker);
    }

    /** {@code dev_get_by_name()}: the listed device of that name, with a reference taken, or {@code null}. */
    static NetDevice devGetByName(Net net, String name) {
        NetDevice dev = net.findByName(name);
        devHold(dev);
        return dev;
    }

    static NetDevice devGetByIndex(Net net, int ifindex) {
        NetDevice dev = net.findByIndex(ifindex);
        devHold(dev);
        return dev;
    }

    private static void trackerAlloc(NetDevice dev, NetdevTracker tracker) {
        if (dev.kernel.config().refcntTracker() && tracker != null) {
            dev.trackers.alloc(tracker, dev.kernel.stackDepot().save());
        } else {
            dev.trackers.holdUntracked();
        }
    }

    private static void trackerFree(NetDevice dev, NetdevTracker tracker) {
        if (!dev.kernel.config().refcntTracker() || tracker == null) {
            dev.trackers.putUntracked();
            return;
        }
        StackDepot.Stack freeStack = dev.kernel.stackDepot().save();
        RefTracker released = dev.trackers.free(tracker, freeStack);
        if (released != null) {
            // lib/ref_tracker.c reports both stacks, then WARN_ON_ONCE; the put itself still happens.
            dev.kernel.log().memoryError(dev, "ref_tracker: reference already released.\nallocated in:\n"
                    + released.allocStack.indented() + "\nfreed in:\n" + released.freeStack.indented()
                    + "\nsecond release in:\n" + freeStack.indented());
        }
    }

    private static void checkUnderflow(NetDevice dev, int count, String function) {
        if (count < 1) {
            // The allocation's own reference is never put, so any put that reaches 0 took what nobody held.
            dev.kernel.log().memoryError(dev, "refcount_t: underflow; use-after-free. " + function + "(" + dev.name
                    + ") left usage count " + count + "\n" + dev.kernel.stackDepot().save().indented());
        }
    }
}
