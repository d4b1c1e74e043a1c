package org.reftrace.analysis;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interned stacks: each distinct list of frames gets one id ({@code s1}, {@code s2} ...), in the order first seen,
 * so a million holds share a handful of stacks and a report shows each stack once. The viewer's merge of many
 * dumps uses it; so should the agent's snapshot (one table, one rule for ids).
 *
 * <p>Not thread-safe: one table per report or snapshot being made.
 */
public final class StackTable {
    private final String prefix;
    private final Map<List<String>, String> ids = new HashMap<>();
    private final Map<String, List<String>> frames = new LinkedHashMap<>();

    /** @param prefix what ids start with, e.g. {@code s} */
    public StackTable(String prefix) {
        this.prefix = prefix;
    }

    /** The id of these frames (innermost first), the same for equal lists; {@code null} for null or none. */
    public String intern(List<String> stack) {
        if (stack == null || stack.isEmpty()) {
            return null;
        }
        String known = ids.get(stack);
        if (known != null) {
            return known;
        }
        String id = prefix + (frames.size() + 1);
        List<String> copy = List.copyOf(stack);
        ids.put(copy, id);
        frames.put(id, copy);
        return id;
    }

    /** The frames of an id this table gave, or {@code null}. */
    public List<String> frames(String id) {
        return id == null ? null : frames.get(id);
    }

    /** Every stack, id to frames, in the order interned; a read-only view. */
    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(frames);
    }

    public int size() {
        return frames.size();
    }
}
