package org.reftrace.agent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The landing facade that instrumented code calls: static methods, JDK types only, loaded by the bootstrap
 * loader. Each forwards to the {@link HookSink} installed once by the agent, and never lets anything escape into
 * the watched program: every throwable is caught and counted ({@link #failures()}), and the count shows in the
 * report. While the sink runs, the thread is marked busy, so that host code the agent itself calls (an object's
 * name method) is not taken for the program's own calls.
 *
 * <p>Thread-safe. The sink field is written once at start-up.
 */
public final class Hooks {
    /** How many arguments the allocation-free entry points pass ({@link #enter(int, int, Object, Object, Object, Object)}). */
    public static final int FEW_ARGUMENTS = 3;
    private static final AtomicLong FAILURES = new AtomicLong();
    /** Each thread's context; a new thread inherits its parent's test-mode scope. */
    private static final ThreadLocal<CallContext> CONTEXT = new InheritableThreadLocal<>() {
        @Override
        protected CallContext initialValue() {
            return new CallContext();
        }

        @Override
        protected CallContext childValue(CallContext parent) {
            return new CallContext(parent.scope);
        }
    };
    private static volatile HookSink sink;

    private Hooks() {}

    /** Installs the sink; later calls are ignored (one agent per JVM). */
    public static synchronized boolean install(HookSink recorder) {
        if (sink != null) {
            return false;
        }
        sink = recorder;
        return true;
    }

    public static boolean isInstalled() {
        return sink != null;
    }

    /** Throwables caught in hooks since start-up: each is an event the recorder missed. */
    public static long failures() {
        return FAILURES.get();
    }

    /** Counts a failure caught elsewhere in the agent's instrumentation path. */
    public static void countFailure() {
        FAILURES.incrementAndGet();
    }

    /** This thread's context (for the agent's own threads and tests). */
    public static CallContext context() {
        return CONTEXT.get();
    }

    /**
     * Marks a call site, just before a call to a method that takes or drops references: the callee's advice
     * records the reference with this site and owner.
     *
     * @param argOwner  the caller's first parameter of a tracked type, or {@code null}
     * @param argOwner2 the caller's second parameter of a tracked type, or {@code null}
     * @param thisOwner the caller's {@code this}, or {@code null} (a static method, a constructor before super())
     */
    public static void site(int site, Object argOwner, Object argOwner2, Object thisOwner) {
        try {
            if (sink != null) {
                CallContext c = CONTEXT.get();
                c.site = site;
                c.argOwner = argOwner;
                c.argOwner2 = argOwner2;
                c.thisOwner = thisOwner;
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    /**
     * Advice at the start of every profile method.
     *
     * @param method the site registered for the instrumented method itself (where a handler received a message)
     */
    public static int enter(int target, int method, Object self, Object[] args) {
        HookSink s = sink;
        CallContext c = s == null ? null : claim();
        if (c == null) {
            return -1;
        }
        try {
            return s.enter(target, method, self, args, c);
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
            return -1;
        } finally {
            c.busy = false;
        }
    }

    /**
     * {@link #enter(int, int, Object, Object[])} for a method whose first three arguments are all the recorder
     * reads ({@code null} for those it does not have): they travel in the thread's {@link CallContext},
     * so a call allocates no array.
     */
    public static int enter(int target, int method, Object self, Object a0, Object a1, Object a2) {
        HookSink s = sink;
        CallContext c = s == null ? null : claim();
        if (c == null) {
            return -1;
        }
        try {
            return s.enter(target, method, self, c.lendArguments(a0, a1, a2), c);
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
            return -1;
        } finally {
            c.returnArguments();
            c.busy = false;
        }
    }

    /** Advice at the end of every profile method, normal or not. */
    public static void exit(int target, int frame, Object self, Object[] args, Object result, Throwable thrown) {
        HookSink s = sink;
        CallContext c = s == null ? null : claim();
        if (c == null) {
            return;
        }
        try {
            s.exit(target, frame, self, args, result, thrown, c);
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        } finally {
            c.busy = false;
        }
    }

    /** {@link #exit(int, int, Object, Object[], Object, Throwable)} with the first three arguments. */
    public static void exit(int target, int frame, Object self, Object a0, Object a1, Object a2, Object result,
            Throwable thrown) {
        HookSink s = sink;
        CallContext c = s == null ? null : claim();
        if (c == null) {
            return;
        }
        try {
            s.exit(target, frame, self, c.lendArguments(a0, a1, a2), result, thrown, c);
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        } finally {
            c.returnArguments();
            c.busy = false;
        }
    }

    /**
     * The thread's context, marked busy, for one hand-over to the sink; {@code null} when the agent itself is
     * running on this thread (its own call into host code) or the context cannot be had (counted).
     */
    private static CallContext claim() {
        CallContext c;
        try {
            c = CONTEXT.get();
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
            return null;
        }
        if (c.busy) {
            return null;
        }
        c.busy = true;
        return c;
    }

    /**
     * Test mode: starts a check period. {@code global}: every thread's references count; otherwise those taken
     * on this thread and on threads it starts from now on. Throws {@link IllegalStateException} when no agent is
     * installed, so a test cannot silently pass without one.
     */
    public static long mark(boolean global) {
        HookSink s = sink;
        if (s == null) {
            throw new IllegalStateException(NOT_LOADED);
        }
        return s.mark(global, CONTEXT.get());
    }

    /** Test mode: what is wrong since {@code mark}, as a report, or {@code null}. */
    public static String check(long mark) {
        HookSink s = sink;
        if (s == null) {
            throw new IllegalStateException(NOT_LOADED);
        }
        return s.check(mark);
    }

    private static final String NOT_LOADED = "reftrace: the agent is not loaded "
            + "(run with -javaagent:agent/target/reftrace-agent.jar[=profile=...])";
}
