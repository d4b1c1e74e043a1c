package org.reftrace.agent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The landing facade that instrumented code calls: static methods, JDK types only, loaded by the bootstrap
 * loader. Each forwards to the {@link HookSink} installed once by the agent, and never lets anything escape
 * into the watched program: every throwable is caught and counted ({@link #failures()}), and the count shows
 * in the report.
 *
 * <p>Thread-safe. The sink field is written once at start-up.
 */
public final class Hooks {
    private static final AtomicLong FAILURES = new AtomicLong();
    /** The pending tracker of a tracked lookup, between the call site's two halves (see lookupTracked). */
    private static final ThreadLocal<Object[]> PENDING_LOOKUP = new ThreadLocal<>();
    private static volatile HookSink sink;

    private Hooks() {}

    /** Installs the recorder; later calls are ignored (one agent per JVM). */
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

    /**
     * The owner of a reference taken or dropped at a call site: the caller's parameter of the tracked type when
     * it is another object ("vlan0 holds eth0", from {@code ndo_init(vlan0)}), else the caller's {@code this},
     * else (a static caller) that parameter, even if it is the object itself.
     */
    static Object owner(Object object, Object argOwner, Object thisOwner) {
        if (argOwner != null && argOwner != object) {
            return argOwner;
        }
        return thisOwner != null ? thisOwner : argOwner;
    }

    public static void hold(Object object, Object argOwner, Object thisOwner, int site) {
        try {
            HookSink s = sink;
            if (s != null) {
                s.hold(object, owner(object, argOwner, thisOwner), site);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    public static void put(Object object, Object argOwner, Object thisOwner, int site) {
        try {
            HookSink s = sink;
            if (s != null) {
                s.put(object, owner(object, argOwner, thisOwner), site);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    public static void holdTracked(Object object, Object tracker, Object argOwner, Object thisOwner, int site) {
        try {
            HookSink s = sink;
            if (s != null) {
                s.holdTracked(object, tracker, owner(object, argOwner, thisOwner), site);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    public static void putTracked(Object object, Object tracker, Object argOwner, Object thisOwner, int site) {
        try {
            HookSink s = sink;
            if (s != null) {
                s.putTracked(object, tracker, owner(object, argOwner, thisOwner), site);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    /** After an untracked lookup: {@code object} is what it returned. */
    public static void lookup(Object object, Object argOwner, Object thisOwner, int site) {
        try {
            HookSink s = sink;
            if (s != null && object != null) {
                s.lookupHold(object, null, owner(object, argOwner, thisOwner), site);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    /** Before a tracked lookup: remembers its tracker, owner and site for {@link #lookupTrackedResult}. */
    public static void lookupTracked(Object tracker, Object argOwner, Object thisOwner, int site) {
        try {
            PENDING_LOOKUP.set(new Object[] {tracker, argOwner, thisOwner, site});
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    /** After a tracked lookup: {@code object} is what it returned. */
    public static void lookupTrackedResult(Object object) {
        try {
            Object[] pending = PENDING_LOOKUP.get();
            PENDING_LOOKUP.remove();
            HookSink s = sink;
            if (s != null && pending != null && object != null) {
                s.lookupHold(object, pending[0], owner(object, pending[1], pending[2]), (Integer) pending[3]);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    public static void trackerAlloc(Object object, Object tracker, Object argOwner, Object thisOwner, int site) {
        try {
            HookSink s = sink;
            if (s != null) {
                s.trackerAlloc(object, tracker, owner(object, argOwner, thisOwner), site);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    public static void instanceEvent(int target, Object self, Object[] args, int site) {
        try {
            HookSink s = sink;
            if (s != null) {
                s.instanceEvent(target, self, args, site);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }

    /**
     * Test mode: starts a check period. Throws {@link IllegalStateException} when no agent is installed, so a
     * test cannot silently pass without one.
     */
    public static long mark() {
        HookSink s = sink;
        if (s == null) {
            throw new IllegalStateException(NOT_LOADED);
        }
        return s.mark();
    }

    /** Test mode: the references taken since {@code mark} and still held, as a report, or {@code null}. */
    public static String heldSince(long mark) {
        HookSink s = sink;
        if (s == null) {
            throw new IllegalStateException(NOT_LOADED);
        }
        return s.heldSince(mark);
    }

    private static final String NOT_LOADED = "reftrace: the agent is not loaded "
            + "(run with -javaagent:agent/target/reftrace-agent.jar[=profile=...])";

    public static void lifecycle(int target, Object[] args, Object result, boolean exit) {
        try {
            HookSink s = sink;
            if (s != null) {
                s.lifecycle(target, args, result, exit);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
        }
    }
}
