package org.reftrace.agent.bootstrap;

/**
 * What the agent keeps per thread between a call site and the method it calls: the site and owner the call site
 * marked, and the tracked calls in progress on this thread (to count a call made inside another on the same
 * object once, at the outermost). Loaded by the bootstrap loader; JDK types only.
 *
 * <p>Not thread-safe: each thread has its own ({@link Hooks}). A child thread starts with its parent's test-mode
 * scope and nothing else.
 */
public final class CallContext {
    /** Tracked calls in progress kept per thread; deeper ones are recorded without nesting checks. */
    public static final int MAX_DEPTH = 16;

    /** The call site marked just before the current call, or -1. */
    public int site = -1;
    /** The caller's first and second parameters of a tracked type (owner candidates), and its {@code this}. */
    public Object argOwner;
    public Object argOwner2;
    public Object thisOwner;

    /** Tracked calls in progress: how many, and per frame what the recorder needs back at the frame's exit. */
    public int depth;
    public final Object[] frames = new Object[MAX_DEPTH];

    /**
     * Tracked constructors in progress: kept apart from the frames because a constructor that throws never runs
     * its exit advice, and a stale entry here can only ever misname a later constructor's site, never hold back
     * another call's references.
     */
    public int constructors;
    public final Object[] constructorFrames = new Object[MAX_DEPTH];

    /**
     * The first {@link Hooks#FEW_ARGUMENTS} arguments of the call being handed to the sink, filled and cleared
     * around each hand-over (never kept: the agent must not keep the program's objects alive).
     */
    private final Object[] arguments = new Object[Hooks.FEW_ARGUMENTS];

    /** Whether the agent itself is running on this thread (reading a name, a count): events are its own, ignored. */
    public boolean busy;
    /** The test-mode scope holds taken on this thread belong to (0: none). */
    public long scope;

    public CallContext() {}

    CallContext(long scope) {
        this.scope = scope;
    }

    /** The thread's argument array, holding these three, for one hand-over to the sink. */
    Object[] lendArguments(Object a0, Object a1, Object a2) {
        arguments[0] = a0;
        arguments[1] = a1;
        arguments[2] = a2;
        return arguments;
    }

    /** Empties the argument array after the hand-over. */
    void returnArguments() {
        arguments[0] = null;
        arguments[1] = null;
        arguments[2] = null;
    }

    /** Takes the marked site and owners (once: the next call has its own). */
    public void clearSite() {
        site = -1;
        argOwner = null;
        argOwner2 = null;
        thisOwner = null;
    }
}
