package org.reftrace.junit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Test mode, without JUnit: {@link #mark()} before the code under test, {@link #check(long)} after it. A check
 * fails when references taken since the mark are still held (naming each holder, its call site and thread, ranked
 * as every reftrace report ranks them), when problems happened since (a double release, a use after free), or
 * when a profile names a method that does not exist (a typo must never pass). Deterministic: it reads the agent's
 * hold tables, it does not wait for garbage collection.
 *
 * <p>A mark is scoped to the thread that takes it and to the threads that thread starts afterwards, so tests run
 * in parallel (JUnit 5's parallel execution) never see each other's references. References taken on a thread the
 * test did not start (a shared executor) are outside its scope: {@link #markGlobal()} counts every thread's.
 *
 * <p>Needs the reftrace agent ({@code -javaagent:reftrace-agent.jar=profile=...}); without it every call throws,
 * so a test can never pass by accident. Thread-safe.
 */
public final class Reftrace {
    private static final String HOOKS = "org.reftrace.agent.bootstrap.Hooks";
    private static final MethodHandle MARK;
    private static final MethodHandle HELD_SINCE;
    private static final String UNAVAILABLE;

    static {
        MethodHandle mark = null;
        MethodHandle heldSince = null;
        String unavailable = null;
        try {
            // The facade is on the bootstrap class path when the agent runs: any loader finds it there.
            Class<?> hooks = Class.forName(HOOKS, false, ClassLoader.getSystemClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            mark = lookup.findStatic(hooks, "mark", MethodType.methodType(long.class, boolean.class));
            heldSince = lookup.findStatic(hooks, "check", MethodType.methodType(String.class, long.class));
        } catch (ReflectiveOperationException e) {
            unavailable = "reftrace: the agent is not loaded (run the tests with "
                    + "-javaagent:agent/target/reftrace-agent.jar=profile=NAME)";
        }
        MARK = mark;
        HELD_SINCE = heldSince;
        UNAVAILABLE = unavailable;
    }

    private Reftrace() {}

    /**
     * Starts a check period on this thread (and the threads it starts from now on); returns the mark to pass to
     * {@link #check(long)}.
     */
    public static long mark() {
        return mark(false);
    }

    /** Starts a check period in which every thread's references count; returns its mark. */
    public static long markGlobal() {
        return mark(true);
    }

    private static long mark(boolean global) {
        try {
            return (long) handle(MARK).invokeExact(global);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** What is wrong since {@code mark} (references still held, problems), as a report, or {@code null}. */
    public static String heldSince(long mark) {
        try {
            return (String) handle(HELD_SINCE).invokeExact(mark);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Throws an {@link AssertionError} naming the holders when references taken since {@code mark} are held. */
    public static void check(long mark) {
        String held = heldSince(mark);
        if (held != null) {
            throw new AssertionError("reftrace: " + held);
        }
    }

    private static MethodHandle handle(MethodHandle handle) {
        if (handle == null) {
            throw new IllegalStateException(UNAVAILABLE);
        }
        return handle;
    }
}
