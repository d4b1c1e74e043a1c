package org.reftrace.analysis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Holder;
import org.reftrace.dump.SiteStats;
import org.reftrace.dump.TrackedObject;

/**
 * Builds the suspects of one dump: from every object that should be free and is still held, follows each holder
 * whose owner is itself a tracked, held object up to the holders at the top (the roots), and groups those across
 * objects into signatures.
 *
 * <p>Implementation notes. A chain is followed through {@link Holder#ownerObjectId()}: the holder of object A
 * owned by tracked object B means "B pins A"; B's own holders are what keep B, so the walk goes on from each of
 * them. It stops at a holder whose owner is not tracked (or not in the dump), at an owner nobody holds (the owner
 * itself is the culprit: its hold is the root), and at an owner already on the path (two objects holding each
 * other: a cycle, marked). Depth and fan-out are bounded, so a pathological dump cannot make a report slow.
 * Holders taken after their object began going away are suspects of their own wherever they are on a chain.
 */
final class SuspectFinder {
    static final int MAX_DEPTH = 16;
    static final int MAX_ROOTS_PER_HOLDER = 1_000;

    private final Dump dump;
    private final Map<Long, TrackedObject> byId = new HashMap<>();
    private final Map<String, SiteStats> siteStats = new HashMap<>();
    private final Map<Key, Group> groups = new LinkedHashMap<>();

    /** The identity of a signature: the same references reached through several chains are one suspect. */
    private record Key(String site, String ownerClass, List<String> stack, String heldKind, boolean cycle) {}

    /** A root reached from a pinned object. */
    /** @param heldOwner whether its owner is itself held: a link of a longer chain, reported on its own when late */
    private record Root(Holder holder, TrackedObject on, List<Link> chain, boolean cycle, boolean afterUnregister,
            boolean heldOwner) {}

    /** A signature being assembled. */
    private static final class Group {
        Root first;
        /** Roots reached through a chain: one holder can be reached from several pinned objects. */
        final Set<Holder> chained = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        /** Direct holders of a pinned object: each is met once, so they are only counted. */
        int direct;
        final List<Link> pinned = new ArrayList<>();
        /** The pinned object last added: objects are walked one at a time, so a direct holder's repeat is consecutive. */
        Link lastPinned;
        /** The pinned objects as a set, made once a chain reaches this group (chains can repeat any of them). */
        Set<Link> pinnedSet;
        final Set<Evidence> evidence = EnumSet.of(Evidence.AGE);
        long oldest;

        Group(Root first) {
            this.first = first;
        }

        int holders() {
            return direct + chained.size();
        }
    }

    SuspectFinder(Dump dump) {
        this.dump = dump;
        dump.objects().forEach(o -> byId.put(o.id(), o));
        for (SiteStats s : dump.sites()) {
            siteStats.merge(s.site(), s, (a, b) -> new SiteStats(a.site(), a.profile(), a.role(),
                    a.taken() + b.taken(), a.released() + b.released()));
        }
    }

    List<Suspect> find() {
        for (TrackedObject pinned : dump.objects()) {
            if (!pinned.shouldBeFree() || pinned.holders().isEmpty()) {
                continue;
            }
            Link pinnedLink = link(pinned);
            List<Link> alone = List.of(pinnedLink);
            long goingAway = HolderGroups.goingAwayAt(pinned);
            for (Holder h : pinned.holders()) {
                if (ownRoot(h, pinned)) {
                    // the common case, a holder whose owner nobody holds: it is its own root
                    add(new Root(h, pinned, alone, false, HolderGroups.takenLate(h, goingAway), false), pinnedLink, true);
                    continue;
                }
                List<Root> roots = new ArrayList<>();
                walk(h, pinned, new ArrayList<>(alone), new ArrayList<>(), roots);
                for (Root root : roots) {
                    add(root, pinnedLink, false);
                }
            }
        }
        List<Suspect> suspects = new ArrayList<>();
        for (Map.Entry<Key, Group> e : groups.entrySet()) {
            suspects.add(suspect(e.getKey(), e.getValue()));
        }
        suspects.sort(Ranking.ORDER);
        return suspects;
    }

    /**
     * Follows {@code h}'s owner up the chain. {@code path} holds the objects from the pinned one down to {@code on};
     * {@code taken[i]} is the holder on {@code path[i]} that led to {@code path[i + 1]}.
     */
    private void walk(Holder h, TrackedObject on, List<Link> path, List<Holder> taken, List<Root> roots) {
        if (roots.size() >= MAX_ROOTS_PER_HOLDER) {
            return;
        }
        boolean late = HolderGroups.takenLate(h, HolderGroups.goingAwayAt(on));
        TrackedObject owner = h.ownerObjectId() == null ? null : byId.get(h.ownerObjectId());
        int cycleStart = -1;
        for (int i = 0; owner != null && i < path.size() && cycleStart < 0; i++) {
            cycleStart = path.get(i).objectId() == owner.id() ? i : -1;
        }
        if (cycleStart >= 0) {
            roots.add(newestOfCycle(h, on, path, taken, cycleStart, late));
            return;
        }
        if (owner == null || owner.holders().isEmpty() || path.size() >= MAX_DEPTH) {
            roots.add(new Root(h, on, List.copyOf(path), false, late, false));
            return;
        }
        if (late) {
            // a suspect of its own, though ranked below the root of the chain its owner is held by
            roots.add(new Root(h, on, List.copyOf(path), false, true, true));
        }
        path.add(link(owner));
        taken.add(h);
        for (Holder g : owner.holders()) {
            walk(g, owner, path, taken, roots);
        }
        taken.remove(taken.size() - 1);
        path.remove(path.size() - 1);
    }

    /**
     * Objects holding each other: the suspect is the newest reference of the cycle, the one that closed it (an
     * {@code ioam6} tunnel caching the very route it is the state of), not whichever the walk met last.
     */
    private Root newestOfCycle(Holder closing, TrackedObject on, List<Link> path, List<Holder> taken, int start,
            boolean late) {
        Holder newest = closing;
        TrackedObject newestOn = on;
        for (int i = start; i < taken.size(); i++) {
            Holder h = taken.get(i);
            if (h.heldNanos() < newest.heldNanos()) {
                newest = h;
                newestOn = byId.get(path.get(i).objectId());
            }
        }
        if (newest == closing || newestOn == null) {
            return new Root(closing, on, List.copyOf(path), true, late, false);
        }
        return new Root(newest, newestOn, List.copyOf(path), true,
                HolderGroups.takenLate(newest, HolderGroups.goingAwayAt(newestOn)), false);
    }

    private void add(Root root, Link pinned, boolean direct) {
        Holder h = root.holder();
        List<String> stack = h.stack() == null ? List.of() : dump.stacks().getOrDefault(h.stack(), List.of());
        Key key = new Key(h.site(), h.ownerClass(), stack, root.on().kind(), root.cycle());
        Group group = groups.computeIfAbsent(key, k -> new Group(root));
        if (root.chain().size() > group.first.chain().size()) {
            group.first = root; // the longest chain says most
        }
        if (direct) {
            group.direct++;
        } else if (!(root.on().shouldBeFree() && ownRoot(h, root.on()))) {
            // a chain's root on an object that should be free itself is counted there, directly, already
            group.chained.add(h);
        }
        if (group.lastPinned != pinned) {
            if (!direct && group.pinnedSet == null) {
                group.pinnedSet = new java.util.HashSet<>(group.pinned);
            }
            if (group.pinnedSet == null || group.pinnedSet.add(pinned)) {
                group.pinned.add(pinned);
            }
            group.lastPinned = pinned;
        }
        group.oldest = Math.max(group.oldest, h.heldNanos());
        if (root.afterUnregister()) {
            group.evidence.add(root.heldOwner() ? Evidence.TAKEN_AFTER_UNREGISTER_BY_HELD_OBJECT
                    : Evidence.TAKEN_AFTER_UNREGISTER);
        }
        if (root.chain().size() > 1 && !root.cycle()) {
            group.evidence.add(Evidence.CHAIN_ROOT);
        }
    }

    /** Whether the holder is its own root: its owner is not a tracked object that someone holds. */
    private boolean ownRoot(Holder h, TrackedObject on) {
        TrackedObject owner = h.ownerObjectId() == null ? null : byId.get(h.ownerObjectId());
        return owner == null || owner.id() != on.id() && owner.holders().isEmpty();
    }

    private Suspect suspect(Key key, Group g) {
        Holder h = g.first.holder();
        SiteStats stats = siteStats.get(key.site());
        long taken = stats == null ? -1 : stats.taken();
        long released = stats == null ? -1 : stats.released();
        Set<Evidence> evidence = EnumSet.copyOf(g.evidence);
        if (taken > 0 && released * 2 < taken) {
            evidence.add(Evidence.SITE_RARELY_RELEASES);
        }
        return new Suspect(key.site(), key.ownerClass(), h.owner(), h.thread(), key.heldKind(), key.stack(),
                h.stackRepresentative(), g.holders(), g.pinned, g.first.chain(), g.oldest, taken,
                released, evidence, key.cycle());
    }

    private static Link link(TrackedObject o) {
        return new Link(o.id(), o.kind(), o.qualifiedName());
    }
}
