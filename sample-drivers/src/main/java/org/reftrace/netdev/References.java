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
        saturated(dev, dev.refcnt.hold());
        dev.trackers.holdUntracked();
    }

    static void devPut(NetDevice dev) {
        if (dev == null || !Memory.isLive(dev, "dev_put")) {
            return;
        }
        dev.trackers.putUntracked();
        saturated(dev, dev.refcnt.put());
    }

    static void netdevHold(NetDevice dev, NetdevTracker tracker) {
        if (dev == null || !Memory.isLive(dev, "netdev_hold")) {
            return;
        }
        saturated(dev, dev.refcnt.hold());
        trackerAlloc(dev, tracker);
    }

    static void netdevPut(NetDevice dev, NetdevTracker tracker) {
        if (dev == null || !Memory.isLive(dev, "netdev_put")) {
            return;
        }
        trackerFree(dev, tracker);
        saturated(dev, dev.refcnt.put());
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
            // ref_tracker_free(): both stacks, each line with the pr_fmt prefix, then WARN_ON_ONCE; the put
            // itself still happens (netdev_put ignores the error).
            dev.kernel.log().memoryError(dev, "ref_tracker: reference already released.\nref_tracker: allocated in:\n"
                    + released.allocStack.indented() + "\nref_tracker: freed in:\n" + released.freeStack.indented()
                    + "\nWARNING: at lib/ref_tracker.c ref_tracker_free\n" + freeStack.indented());
        }
    }

    /**
     * {@code refcount_warn_saturate()}: the count is pinned at {@link NetdevRefcount#SATURATED} and
     * {@code REFCOUNT_WARN} prints the kind of saturation, once per boot for each kind ({@code WARN_ONCE}).
     */
    private static void saturated(NetDevice dev, NetdevRefcount.Saturation saturation) {
        if (saturation != null && dev.kernel.warnOnce("refcount_t " + saturation)) {
            dev.kernel.log().memoryError(dev, saturation.warning()
                    + "\nWARNING: at lib/refcount.c refcount_warn_saturate\n" + dev.kernel.stackDepot().save().indented());
        }
    }
}
