package org.reftrace.agent.record;

/**
 * Where the last few thousand objects without a lifecycle were freed (their count reached zero), after their
 * state left the table: so that a later release of one (a double release) still names where it was freed. Keyed
 * by identity hash and class name, as a ring: a hash reused by another object of the same class can only misname
 * an old free, never invent a problem.
 *
 * <p>Thread-safe.
 */
final class RecentlyFreed {
    static final int SIZE = 4096;

    private record Entry(int identityHash, String className, ObjectState.Place freed) {}

    private final Entry[] ring = new Entry[SIZE];
    private int next;

    synchronized void add(ObjectState state) {
        if (state.freed != null) {
            ring[next] = new Entry(state.identityHash, state.className, state.freed);
            next = (next + 1) % SIZE;
        }
    }

    /** Where {@code object} was freed, the newest first, or {@code null}. */
    synchronized ObjectState.Place of(Object object) {
        int hash = System.identityHashCode(object);
        String className = object.getClass().getName();
        for (int i = 1; i <= SIZE; i++) {
            Entry e = ring[(next - i + SIZE) % SIZE];
            if (e == null) {
                return null;
            }
            if (e.identityHash() == hash && e.className().equals(className)) {
                return e.freed();
            }
        }
        return null;
    }
}
