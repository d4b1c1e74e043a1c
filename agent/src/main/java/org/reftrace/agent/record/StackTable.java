package org.reftrace.agent.record;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dump's stack table being built: each captured stack resolved to frames once (the same {@code Throwable} is
 * shared by many holds), each distinct list of frames stored once under an id.
 *
 * <p>Not thread-safe: one per snapshot.
 */
final class StackTable {
    /** Frames kept per stack. */
    static final int MAX_FRAMES = 32;
    private static final String AGENT_PACKAGE = "org.reftrace.agent.";

    private final Map<Throwable, String> byThrowable = new IdentityHashMap<>();
    private final Map<List<String>, String> byFrames = new HashMap<>();
    private final Map<String, List<String>> table = new LinkedHashMap<>();

    /** The id of a captured stack, or {@code null} for none. */
    String id(Throwable stack) {
        return id(stack, null);
    }

    /**
     * The id of a captured stack without its leading frames in {@code apiPackage} (a hold's stack is captured
     * inside the tracked method: it starts at the caller), or {@code null} for none.
     */
    String id(Throwable stack, String apiPackage) {
        if (stack == null) {
            return null;
        }
        String known = byThrowable.get(stack);
        if (known != null) {
            return known;
        }
        List<String> frames = frames(stack);
        if (apiPackage != null) {
            int first = 0;
            while (first < frames.size() - 1 && frames.get(first).startsWith(apiPackage)) {
                first++;
            }
            frames = frames.subList(first, frames.size());
        }
        String id = byFrames.computeIfAbsent(List.copyOf(frames), f -> {
            String fresh = "s" + (table.size() + 1);
            table.put(fresh, f);
            return fresh;
        });
        byThrowable.put(stack, id);
        return id;
    }

    List<String> frames(String id) {
        return table.getOrDefault(id, List.of());
    }

    Map<String, List<String>> table() {
        return table;
    }

    /** The frames of a captured stack, starting at the first frame outside the agent. */
    static List<String> frames(Throwable stack) {
        if (stack == null) {
            return List.of();
        }
        return Arrays.stream(stack.getStackTrace())
                .dropWhile(f -> f.getClassName().startsWith(AGENT_PACKAGE))
                .limit(MAX_FRAMES)
                .map(StackTraceElement::toString)
                .toList();
    }
}
