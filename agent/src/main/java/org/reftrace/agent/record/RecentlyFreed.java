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

    // parallel arrays, not an entry object per free: a Netty server frees several buffers per request
    private final int[] hashes = new int[SIZE];
    private final String[] classNames = new String[SIZE];
    private final ObjectState.Place[] places = new ObjectState.Place[SIZE];
    private int next;

    synchronized void add(ObjectState state) {
        if (state.freed != null) {
            hashes[next] = state.identityHash;
            classNames[next] = state.className;
            places[next] = state.freed;
            next = (next + 1) % SIZE;
        }
    }

    /** Where {@code object} was freed, the newest first, or {@code null}. */
    synchronized ObjectState.Place of(Object object) {
        int hash = System.identityHashCode(object);
        String className = object.getClass().getName();
        for (int i = 1; i <= SIZE; i++) {
            int at = (next - i + SIZE) % SIZE;
            if (places[at] == null) {
                return null;
            }
            if (hashes[at] == hash && classNames[at].equals(className)) {
                return places[at];
            }
        }
        return null;
    }
}
