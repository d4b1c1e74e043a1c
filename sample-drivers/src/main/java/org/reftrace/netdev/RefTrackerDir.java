package org.reftrace.netdev;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code struct ref_tracker_dir} ({@code lib/ref_tracker.c}): a device's live tracked references, its quarantine
 * of released ones, and the count of untracked holds ({@code no_tracker}). Its reports name the directory as the
 * kernel does since {@code alloc_netdev_mqs()} calls {@code ref_tracker_dir_init(&dev->refcnt_tracker, 128,
 * "netdev")}: {@code netdev@ADDRESS}, never the device's name.
 *
 * <p>Thread-safe: one lock per device, as the kernel's spinlock.
 */
final class RefTrackerDir {
    /** The kernel keeps the last 128 released trackers of a device to recognise a double release. */
    static final int QUARANTINE_SIZE = 128;
    /** The directory's name for net devices. */
    static final String NETDEV = "netdev";
    /** {@code ref_tracker_dir_exit()} prints up to 16 stacks; the wait's warning prints 10. */
    static final int EXIT_DISPLAY_LIMIT = 16;

    private final List<RefTracker> live = new ArrayList<>();
    private final ArrayDeque<RefTracker> quarantine = new ArrayDeque<>();
    private int noTracker;

    synchronized void alloc(NetdevTracker slot, StackDepot.Stack stack) {
        RefTracker tracker = new RefTracker(stack);
        live.add(tracker);
        slot.current = tracker;
    }

    synchronized void holdUntracked() {
        noTracker++;
    }

    synchronized void putUntracked() {
        noTracker--;
    }

    /**
     * {@code ref_tracker_free()}: releases the entry the slot points to.
     *
     * @return {@code null} when released, otherwise the already-released entry (the caller reports it)
     */
    synchronized RefTracker free(NetdevTracker slot, StackDepot.Stack stack) {
        RefTracker tracker = slot.current;
        if (tracker == null) {
            noTracker--;
            return null;
        }
        if (tracker.released) {
            return tracker;
        }
        tracker.released = true;
        tracker.freeStack = stack;
        live.remove(tracker);
        quarantine.addLast(tracker);
        if (quarantine.size() > QUARANTINE_SIZE) {
            quarantine.removeFirst();
        }
        return null;
    }

    /** The live tracked references grouped by allocation stack, largest group first. */
    synchronized Map<StackDepot.Stack, Integer> liveByStack() {
        Map<StackDepot.Stack, Integer> groups = new LinkedHashMap<>();
        for (RefTracker tracker : live) {
            groups.merge(tracker.allocStack, 1, Integer::sum);
        }
        List<Map.Entry<StackDepot.Stack, Integer>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Map.Entry.<StackDepot.Stack, Integer>comparingByValue().reversed());
        Map<StackDepot.Stack, Integer> result = new LinkedHashMap<>();
        sorted.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    synchronized int liveCount() {
        return live.size();
    }

    synchronized int untrackedCount() {
        return noTracker;
    }

    /** {@code %pK} of the directory, as its reports print it. */
    String pointer() {
        return String.format("ffff8880%08x", System.identityHashCode(this));
    }

    /** {@code ref_tracker_dir_print(dir, maxStacks)} for a net device's directory. */
    String report(int maxStacks) {
        return report(NETDEV + "@" + pointer(), maxStacks);
    }

    /**
     * {@code ref_tracker_dir_print()}: up to {@code maxStacks} groups as
     * {@code ref_tracker: NAME@PTR has N/M users at} + stack, then how many were skipped.
     */
    String report(String name, int maxStacks) {
        Map<StackDepot.Stack, Integer> groups = liveByStack();
        int total = groups.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int skipped = total;
        for (Map.Entry<StackDepot.Stack, Integer> group : groups.entrySet()) {
            if (shown == maxStacks) {
                break;
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("ref_tracker: ").append(name).append(" has ").append(group.getValue()).append('/')
                    .append(total).append(" users at\n").append(group.getKey().indented());
            skipped -= group.getValue();
            shown++;
        }
        if (skipped > 0) {
            out.append("\nref_tracker: ").append(name).append(" skipped reports about ").append(skipped)
                    .append('/').append(total).append(" users.");
        }
        return out.toString();
    }
}
