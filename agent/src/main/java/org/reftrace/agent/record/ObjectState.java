package org.reftrace.agent.record;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Everything the recorder knows about one tracked object: its outstanding holds, its recently released tracked
 * holds (to recognise a second release), its life so far, its current wait. The object itself is held weakly.
 *
 * <p>Thread-safe: the hold table and the quarantine are guarded by {@code this}; the rest are single fields
 * written atomically.
 */
final class ObjectState {
    /** Released tracked holds kept to recognise a second release, as the kernel's 128-entry quarantine. */
    static final int QUARANTINE = 128;
    /** Lifecycle events kept per object. */
    static final int MAX_EVENTS = 64;

    /** How a put was matched with a hold. */
    record Pairing(Hold hold, String kind) {}

    /** A released tracked hold and where it was released. */
    record Released(int trackerHash, Hold hold, Site putSite, Throwable putStack) {}

    /** One lifecycle event. */
    record Event(String name, long atNanos, String thread) {}

    /** The object's current or last wait for references. */
    static final class WaitRecord {
        final long startNanos;
        volatile long endNanos = -1;
        volatile String outcome = "ongoing";
        volatile int warnings;
        /** Whether its lingering holders were recorded (once per wait). */
        volatile boolean lingerReported;

        WaitRecord(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    final long id;
    final WeakReference<Object> ref;
    final String className;
    final int identityHash;
    volatile String name;
    volatile Stage stage = Stage.ALLOCATED;
    volatile long unregisterAtNanos = -1;
    volatile Throwable releaseStack;
    /** Where its count reached zero, for profiles where that is the free (no stack: it happens on every release). */
    volatile Site releaseSite;
    volatile WaitRecord wait;
    private final List<Hold> live = new ArrayList<>();
    private final ArrayDeque<Released> quarantine = new ArrayDeque<>();
    private final List<Event> events = new ArrayList<>();
    private int droppedHolds;

    ObjectState(long id, Object object) {
        this.id = id;
        this.ref = new WeakReference<>(object);
        this.className = object.getClass().getName();
        this.identityHash = System.identityHashCode(object);
    }

    synchronized void add(Hold hold) {
        live.add(hold);
    }

    synchronized void countDropped() {
        droppedHolds++;
    }

    /** Takes back one dropped hold's put, so that a dropped hold never makes its put look unpaired. */
    synchronized boolean absorbDropped() {
        if (droppedHolds > 0) {
            droppedHolds--;
            return true;
        }
        return false;
    }

    /** The live hold recorded in the tracker with this identity hash, newest first, or {@code null}. */
    synchronized Hold liveTracked(int trackerHash) {
        for (int i = live.size() - 1; i >= 0; i--) {
            if (live.get(i).trackedBy(trackerHash)) {
                return live.get(i);
            }
        }
        return null;
    }

    /**
     * Releases the newest live hold recorded in the tracker and keeps it in quarantine.
     *
     * @return the released hold, or {@code null} when the tracker records no live hold
     */
    synchronized Hold releaseTracked(int trackerHash, Site putSite, Throwable putStack) {
        for (int i = live.size() - 1; i >= 0; i--) {
            Hold h = live.get(i);
            if (h.trackedBy(trackerHash)) {
                removeAt(i);
                quarantine.addLast(new Released(trackerHash, h, putSite, putStack));
                if (quarantine.size() > QUARANTINE) {
                    quarantine.removeFirst();
                }
                return h;
            }
        }
        return null;
    }

    /** The most recent release through the tracker, or {@code null}. */
    synchronized Released released(int trackerHash) {
        for (Iterator<Released> it = quarantine.descendingIterator(); it.hasNext(); ) {
            Released r = it.next();
            if (r.trackerHash() == trackerHash) {
                return r;
            }
        }
        return null;
    }

    /**
     * Pairs an untracked put with a hold and removes it. The rules, in order: the newest untracked hold by the
     * same owner ({@code owner}); for a static context, the newest ownerless hold on the same thread
     * ({@code thread}); else the oldest untracked hold, a reference handed from one owner to another
     * ({@code handoff}). {@code null} when there is no untracked hold at all. Searching from the newest end
     * makes the common case (a put right after its hold) O(1) however many references are outstanding.
     */
    synchronized Pairing pairUntracked(Owner owner, String thread) {
        int match = -1;
        String kind = null;
        for (int i = live.size() - 1; i >= 0; i--) {
            Hold h = live.get(i);
            if (h.tracked()) {
                continue;
            }
            if (owner.hash() != 0 ? h.ownedBy(owner) : !h.hasOwner() && h.thread.equals(thread)) {
                match = i;
                kind = owner.hash() != 0 ? "owner" : "thread";
                break;
            }
        }
        for (int i = 0; i < live.size() && match < 0; i++) {
            if (!live.get(i).tracked()) {
                match = i;
                kind = "handoff";
            }
        }
        if (match < 0) {
            return null;
        }
        return new Pairing(removeAt(match), kind);
    }

    /** Removes by index: O(1) at the newest end, where puts usually find their hold. */
    private Hold removeAt(int index) {
        int last = live.size() - 1;
        return index == last ? live.remove(last) : live.remove(index);
    }

    /** Gives the newest untracked hold by {@code owner} (or on {@code thread}) to the tracker. */
    synchronized boolean attachTracker(int trackerHash, Owner owner, String thread) {
        for (int i = live.size() - 1; i >= 0; i--) {
            Hold h = live.get(i);
            if (!h.tracked() && (owner.hash() != 0 ? h.ownedBy(owner) : h.thread.equals(thread))) {
                h.trackerHash = trackerHash;
                return true;
            }
        }
        return false;
    }

    /** Replaces the newest hold with {@code replacement} (a transfer of ownership); false when none is held. */
    synchronized boolean replaceNewest(java.util.function.UnaryOperator<Hold> replacement) {
        if (live.isEmpty()) {
            return false;
        }
        int last = live.size() - 1;
        live.set(last, replacement.apply(live.get(last)));
        return true;
    }

    synchronized List<Hold> liveHolds() {
        return List.copyOf(live);
    }

    synchronized int liveCount() {
        return live.size();
    }

    synchronized void event(String eventName, long atNanos, String thread) {
        if (events.size() < MAX_EVENTS) {
            events.add(new Event(eventName, atNanos, thread));
        }
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Whether the object itself has been collected. */
    boolean collected() {
        return ref.get() == null;
    }
}
