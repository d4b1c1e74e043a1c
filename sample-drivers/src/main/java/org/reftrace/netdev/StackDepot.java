package org.reftrace.netdev;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code lib/stackdepot.c}: stacks saved once and shared by every tracker that was allocated or freed at the
 * same place. Only tracked holds capture a stack, and only with {@code CONFIG_NET_DEV_REFCNT_TRACKER}: this is
 * the kernel's debug feature, with the kernel's cost.
 *
 * <p>Thread-safe.
 */
final class StackDepot {
    /** The kernel saves 16 frames per tracker stack. */
    static final int MAX_FRAMES = 16;
    private static final String CORE_PACKAGE = StackDepot.class.getPackageName() + ".";

    /** A saved stack: frames as {@code StackTraceElement} strings, innermost first. */
    record Stack(List<String> frames) {
        String indented() {
            return frames.stream().map(f -> "     " + f).collect(Collectors.joining("\n"));
        }
    }

    private final ConcurrentHashMap<List<String>, Stack> stacks = new ConcurrentHashMap<>();

    /** Saves the caller's stack, starting at the first frame outside the netdev core itself. */
    Stack save() {
        List<String> frames = StackWalker.getInstance().walk(s -> s
                .dropWhile(f -> f.getClassName().startsWith(CORE_PACKAGE) && !isCoreTest(f.getClassName()))
                .limit(MAX_FRAMES)
                .map(f -> f.toStackTraceElement().toString())
                .toList());
        return stacks.computeIfAbsent(frames, Stack::new);
    }

    /** Tests of the core live in the core's package; their frames are the interesting ones. */
    private static boolean isCoreTest(String className) {
        return className.endsWith("Test") || className.contains("Test$");
    }

    int size() {
        return stacks.size();
    }
}
