package org.reftrace.agent.record;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The tracked objects, keyed by identity and held weakly, so the recorder never keeps one alive. Bounded in
 * every dimension: an object with nothing outstanding and nothing to report leaves the table ({@link #evict}); at
 * most {@code maxObjects} are tracked at once (the rest are counted); when an object is collected, its state
 * leaves the table, and one that still had holders (a leak found by the garbage collector) or that the recorder
 * still needs (a device collected without ever being freed) is handed to {@code onCollected}, which keeps a
 * bounded summary.
 *
 * <p>Thread-safe, lock-free lookups.
 */
final class ObjectTable {
    /** Identity of a tracked object, for both the stored (weak) and the lookup (strong) keys. */
    private interface IdentityKey {
        Object referent();
    }

    /**
     * The stored key, which is also the state's own weak reference to its object (one weak reference per object,
     * not two: the garbage collector processes each).
     */
    private static final class WeakKey extends WeakReference<Object> implements IdentityKey {
        private final int hash;
        /** Set once, before the key is published in the table. */
        ObjectState state;

        WeakKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public Object referent() {
            return get();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object mine = get();
            return mine != null && other instanceof IdentityKey key && key.referent() == mine;
        }
    }

    private record LookupKey(Object referent) implements IdentityKey {
        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey key && key.referent() == referent;
        }
    }

    private final ConcurrentHashMap<IdentityKey, WeakKey> keys = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int maxObjects;
    private final Predicate<ObjectState> keepWhenCollected;
    private final Consumer<ObjectState> onCollected;

    /**
     * @param keepWhenCollected which collected states still matter, besides those with holders
     * @param onCollected       receives them
     */
    ObjectTable(int maxObjects, Predicate<ObjectState> keepWhenCollected, Consumer<ObjectState> onCollected) {
        this.maxObjects = maxObjects;
        this.keepWhenCollected = keepWhenCollected;
        this.onCollected = onCollected;
    }

    /** The object's state, created on first sight; {@code null} when the table is full (counted). */
    ObjectState stateOf(Object object, ProfileRuntime profile) {
        WeakKey key = keys.get(new LookupKey(object));
        if (key != null) {
            return key.state;
        }
        expungeCollected();
        if (size.get() >= maxObjects) {
            dropped.incrementAndGet();
            return null;
        }
        WeakKey freshKey = new WeakKey(object, collected);
        ObjectState fresh = new ObjectState(nextId.getAndIncrement(), freshKey, object, profile);
        freshKey.state = fresh;
        WeakKey raced = keys.putIfAbsent(freshKey, freshKey);
        if (raced != null) {
            return raced.state;
        }
        size.incrementAndGet();
        return fresh;
    }

    /** The object's state, or {@code null} if it is not tracked. */
    ObjectState find(Object object) {
        WeakKey key = keys.get(new LookupKey(object));
        return key == null ? null : key.state;
    }

    /** Forgets an object that has nothing outstanding and nothing to report: it costs nothing from now on. */
    void evict(ObjectState state) {
        // the state's own weak reference is its key: one removal, no look-up first (a state already replaced
        // under its object, or already gone, is not in the table as itself and is left alone)
        if (state.ref instanceof WeakKey key && keys.remove(key, key)) {
            size.decrementAndGet();
        }
    }

    /** Every live tracked object, oldest first. */
    List<ObjectState> all() {
        expungeCollected();
        List<ObjectState> all = new ArrayList<>(keys.size());
        keys.values().forEach(k -> all.add(k.state));
        all.sort(java.util.Comparator.comparingLong(s -> s.id));
        return all;
    }

    int size() {
        return size.get();
    }

    /** Objects not tracked because the table was full. */
    long dropped() {
        return dropped.get();
    }

    void expungeCollected() {
        for (Object ref; (ref = collected.poll()) != null; ) {
            WeakKey key = (WeakKey) ref;
            if (keys.remove(key, key)) {
                size.decrementAndGet();
                ObjectState state = key.state;
                if (state.liveCount() > 0 || keepWhenCollected.test(state)) {
                    onCollected.accept(state);
                }
            }
        }
    }
}
