package org.reftrace.agent.record;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tracked objects, keyed by identity and held weakly, so the recorder never keeps a device alive. When
 * an object is collected, its state leaves the table; a state that still had holders, or that the recorder
 * still needs for another reason (a device collected without ever being freed), stays visible as collected
 * (up to {@value #MAX_RETIRED}).
 *
 * <p>Thread-safe, lock-free lookups.
 */
final class ObjectTable {
    static final int MAX_RETIRED = 10_000;

    /** Identity of a tracked object, for both the stored (weak) and the lookup (strong) keys. */
    private interface IdentityKey {
        Object referent();
    }

    private static final class WeakKey extends WeakReference<Object> implements IdentityKey {
        private final int hash;

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

    private final ConcurrentHashMap<IdentityKey, ObjectState> states = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final List<ObjectState> retired = new ArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final java.util.function.Predicate<ObjectState> keepWhenCollected;

    /** @param keepWhenCollected which states to keep once their object is collected, besides held ones */
    ObjectTable(java.util.function.Predicate<ObjectState> keepWhenCollected) {
        this.keepWhenCollected = keepWhenCollected;
    }

    /** The object's state, created on first sight. */
    ObjectState stateOf(Object object) {
        ObjectState state = states.get(new LookupKey(object));
        if (state != null) {
            return state;
        }
        expungeCollected();
        ObjectState fresh = new ObjectState(nextId.getAndIncrement(), object);
        ObjectState raced = states.putIfAbsent(new WeakKey(object, collected), fresh);
        return raced != null ? raced : fresh;
    }

    /** The object's state, or {@code null} if never seen. */
    ObjectState find(Object object) {
        return states.get(new LookupKey(object));
    }

    /** Every state: live objects, then the collected ones that still had holders. */
    List<ObjectState> all() {
        expungeCollected();
        List<ObjectState> all = new ArrayList<>(states.values());
        synchronized (retired) {
            all.addAll(retired);
        }
        all.sort(java.util.Comparator.comparingLong(s -> s.id));
        return all;
    }

    private void expungeCollected() {
        for (Object key; (key = collected.poll()) != null; ) {
            ObjectState state = states.remove((IdentityKey) key);
            if (state != null && (state.liveCount() > 0 || keepWhenCollected.test(state))) {
                synchronized (retired) {
                    if (retired.size() < MAX_RETIRED) {
                        retired.add(state);
                    }
                }
            }
        }
    }
}
