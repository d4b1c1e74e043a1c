package org.reftrace.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.TrackedObject;

/**
 * One object's holders grouped by stack (or, without a stack, by call site), largest group first: the kernel's
 * {@code ref_tracker} "N/M users at" groups, with owners, threads and ages. The console's holder report and the
 * page's object cards both show these. Pure functions.
 */
public final class HolderGroups {
    private HolderGroups() {}

    /**
     * Holders of one object with one stack or call site.
     *
     * @param site         their call site
     * @param stack        the dump's stack id, or {@code null} when none was captured
     * @param frames       that stack's frames, innermost first; empty without one
     * @param members      the holders, in the dump's order
     * @param owners       owners with how many each holds, most first (a static context as {@code (static) Class})
     * @param threads      the threads that took them, in order first seen
     * @param heldMinNanos the newest one's age
     * @param heldMaxNanos the oldest one's age
     * @param pairing      how the first one's put pairs ({@code tracker} or {@code owner})
     * @param late         of them, those taken after the object began going away
     * @param stackRepresentative whether the stack was captured for another hold at the same site
     */
    public record Group(String site, String stack, List<String> frames, List<Holder> members, List<Count> owners,
            List<String> threads, long heldMinNanos, long heldMaxNanos, String pairing, int late,
            boolean stackRepresentative) {

        public Group {
            frames = List.copyOf(frames);
            members = List.copyOf(members);
            owners = List.copyOf(owners);
            threads = List.copyOf(threads);
        }

        public int count() {
            return members.size();
        }
    }

    /** A value and how often it occurs. */
    public record Count(String value, int count) {}

    /** The object's holder groups, largest first (ties in the order first seen). */
    public static List<Group> of(Dump dump, TrackedObject object) {
        Map<String, List<Holder>> byKey = new LinkedHashMap<>();
        for (Holder h : object.holders()) {
            byKey.computeIfAbsent(h.stack() != null ? h.stack() : "\u0000" + h.site(), k -> new ArrayList<>()).add(h);
        }
        long goingAway = goingAwayAt(object);
        List<Group> groups = new ArrayList<>();
        for (List<Holder> members : byKey.values()) {
            Map<String, Integer> owners = new LinkedHashMap<>();
            Set<String> threads = new LinkedHashSet<>();
            long min = Long.MAX_VALUE;
            long max = 0;
            int late = 0;
            for (Holder h : members) {
                owners.merge(h.owner() != null ? h.owner() : "(static) " + h.ownerClass(), 1, Integer::sum);
                threads.add(h.thread());
                min = Math.min(min, h.heldNanos());
                max = Math.max(max, h.heldNanos());
                late += takenLate(h, goingAway) ? 1 : 0;
            }
            List<Count> counts = owners.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(e -> new Count(e.getKey(), e.getValue())).toList();
            Holder first = members.get(0);
            List<String> frames = first.stack() == null ? List.of() : dump.stacks().getOrDefault(first.stack(), List.of());
            groups.add(new Group(first.site(), first.stack(), frames, members, counts, new ArrayList<>(threads), min,
                    max, first.pairing(), late, first.stackRepresentative()));
        }
        groups.sort(Comparator.comparingInt(Group::count).reversed());
        return groups;
    }

    /** When the object began going away: its first unregister (or should-be-free) event, or -1. */
    public static long goingAwayAt(TrackedObject object) {
        for (LifecycleEvent e : object.lifecycle()) {
            if (e.event().equals("unregister") || e.event().equals("should-be-free")) {
                return e.atNanos();
            }
        }
        return -1;
    }

    /**
     * Whether a hold was taken after its object began going away: the dump's mark, or (for version 1 dumps) its
     * time against {@link #goingAwayAt}.
     */
    public static boolean takenLate(Holder h, long goingAwayNanos) {
        return h.afterUnregister() || goingAwayNanos >= 0 && h.sinceNanos() > goingAwayNanos;
    }
}
