package org.reftrace.agent.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects the garbage collector took while the recorder still needed them: held (a leak found by GC, the way
 * Netty finds them) or never freed. The first {@code maxListed} are kept whole for the report; every one is
 * counted by kind and by the call site of its oldest hold, so none vanishes without a word. Their holds no longer
 * count against {@code maxHolds}.
 *
 * <p>Thread-safe.
 */
final class CollectedObjects {
    /** What the objects not kept whole share. */
    record Key(String kind, String site, boolean held) {}

    private final int maxListed;
    private final List<ObjectState> listed = new ArrayList<>();
    private final Map<Key, Long> notListed = new LinkedHashMap<>();

    CollectedObjects(int maxListed) {
        this.maxListed = maxListed;
    }

    synchronized void add(ObjectState state) {
        if (listed.size() < maxListed) {
            listed.add(state);
            return;
        }
        List<Hold> holds = state.liveHolds();
        Key key = new Key(state.profile.kind(), holds.isEmpty() ? null : holds.get(0).site.frame(), !holds.isEmpty());
        notListed.merge(key, 1L, Long::sum);
    }

    synchronized List<ObjectState> listed() {
        return List.copyOf(listed);
    }

    synchronized Map<Key, Long> notListed() {
        return Map.copyOf(notListed);
    }

    synchronized long notListedCount() {
        return notListed.values().stream().mapToLong(Long::longValue).sum();
    }

    int maxListed() {
        return maxListed;
    }
}
