package org.reftrace.agent.bootstrap;

/**
 * What instrumented code reports to. Implemented by the agent in its own class loader; this interface is loaded
 * by the bootstrap loader so that every class, whatever its loader, can reach it. JDK types only (and
 * {@link CallContext}, the bootstrap's own).
 *
 * <p>Every profile method gets the same advice: {@link #enter} when it starts and {@link #exit} when it returns or
 * throws, with its receiver and arguments; the sink decides from the target's role what that means. Call sites
 * of the methods that take or drop references are also marked just before the call ({@link Hooks#site}), which
 * names the site and the owner; the callee finds them in the thread's {@link CallContext}.
 */
public interface HookSink {

    /**
     * A profile method starts.
     *
     * @param target the profile target's id
     * @param method the call site registered for the instrumented method itself
     * @param self   its receiver, or {@code null} for a static method
     * @param args   its arguments
     * @return what {@link #exit} needs back (a frame index), or -1
     */
    int enter(int target, int method, Object self, Object[] args, CallContext context);

    /**
     * The same method returns ({@code thrown == null}) or throws.
     *
     * @param frame  what {@link #enter} returned
     * @param result its return value, boxed ({@code null} for void or when it threw)
     */
    void exit(int target, int frame, Object self, Object[] args, Object result, Throwable thrown, CallContext context);

    /** Test mode: starts a check period on this thread (and threads it starts); returns its mark. */
    long mark(boolean global, CallContext context);

    /** Test mode: what is wrong since {@code mark} (references still held, problems, a profile that names a
     *  method that does not exist), as a report, or {@code null} for nothing. */
    String check(long mark);
}
