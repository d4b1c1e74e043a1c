package org.reftrace.agent.record;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the recorder knows about one tracked object: its outstanding holds, its life so far, where it was
 * freed, its current wait. The object itself is held weakly.
 *
 * <p>Thread-safe: the holds and the events are guarded by {@code this}; the rest are single fields written
 * atomically.
 */
final class ObjectState {
    /** Lifecycle events kept per object. */
    static final int MAX_EVENTS = 64;

    /** One lifecycle event; {@code value} a number it carries (the usage count at a warning), or {@code null}. */
    record Event(String name, long atNanos, String thread, Long value) {}

    /** Where something happened to the object: for its free, and for what explains a problem. */
    record Place(Site site, String thread, long atNanos, Throwable stack) {}

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
    final ProfileRuntime profile;
    /** Its name and namespace, read when that was safe (on the thread calling the tracked method). */
    volatile String name;
    volatile String namespace;
    volatile Stage stage = Stage.ALLOCATED;
    volatile long unregisterAtNanos = -1;
    /** Where it was allocated, when an alloc or create call was seen (a leak of its memory names it), or {@code null}. */
    volatile Place allocated;
    /** The call site of its latest put: when its count falls to nothing and it is never freed, that put is why. */
    volatile Site lastPut;
    /**
     * The number of frees, over all objects, when this one was freed: a put recorded after the free, but whose call
     * began before it, dropped the reference whose drop let another thread free it (the last {@code netdev_put} a
     * waiting todo runner sees), and is no use after free.
     */
    volatile long freeSeq;
    /** Where it was freed (or its count reached zero), or {@code null}. */
    volatile Place freed;
    volatile WaitRecord wait;
    /**
     * Forgotten: taken out of the object table after its last put ({@link References#evictIfIdle}). Set under the
     * state's lock; a hold that finds it set looks the object up again rather than land on a state nobody lists.
     * Volatile: a thread's cached last state ({@link ThreadCounts.Cells#lastStateIfOf}) is read without the lock.
     */
    volatile boolean retired;
    /** Whether something was reported about it: it stays listed even without holders. */
    volatile boolean reported;
    final HoldList holds;
    /** Made at the first lifecycle event: objects without a lifecycle (every buffer) never have one. */
    private List<Event> events;

    /** @param ref the weak reference to {@code object} that the object table keeps it by */
    ObjectState(long id, WeakReference<Object> ref, Object object, ProfileRuntime profile) {
        this.id = id;
        this.ref = ref;
        this.holds = new HoldList(profile.lifeEndsAtLastPut());
        this.className = object.getClass().getName();
        this.identityHash = System.identityHashCode(object);
        this.profile = profile;
    }

    synchronized void event(String eventName, long atNanos, String thread, Long value) {
        if (events == null) {
            events = new ArrayList<>();
        }
        if (events.size() < MAX_EVENTS) {
            events.add(new Event(eventName, atNanos, thread, value));
        }
    }

    void event(String eventName, long atNanos, String thread) {
        event(eventName, atNanos, thread, null);
    }

    synchronized List<Event> events() {
        return events == null ? List.of() : List.copyOf(events);
    }

    synchronized boolean hasEvents() {
        return events != null && !events.isEmpty();
    }

    synchronized List<Hold> liveHolds() {
        return holds.snapshot();
    }

    synchronized int liveCount() {
        return holds.size();
    }

    /** Whether the object itself has been collected. */
    boolean collected() {
        return ref.get() == null;
    }

    /** Whether the object is past the point where every holder should have let go. */
    boolean goingAway() {
        return stage.pastUnregister();
    }

    /** Its name as reports show it: the name read from the object, or its class and identity hash. */
    String displayName() {
        String n = name;
        if (n != null) {
            return n;
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple + "@" + Integer.toHexString(identityHash);
    }
}
