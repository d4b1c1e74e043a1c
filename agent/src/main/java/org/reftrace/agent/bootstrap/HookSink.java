package org.reftrace.agent.bootstrap;

/**
 * What instrumented code reports to. Implemented by the agent's recorder in its own class loader; this
 * interface is loaded by the bootstrap loader so that every class, whatever its loader, can reach it.
 * JDK types only.
 *
 * <p>{@code site} is a call-site id assigned when the caller was instrumented; {@code owner} is the object
 * that holds (or drops) the reference, or {@code null} in a static context.
 */
public interface HookSink {

    /** An untracked reference taken on {@code object}. */
    void hold(Object object, Object owner, int site);

    /** An untracked reference dropped. */
    void put(Object object, Object owner, int site);

    /** A reference taken and recorded in {@code tracker}. */
    void holdTracked(Object object, Object tracker, Object owner, int site);

    /** The reference recorded in {@code tracker} dropped. */
    void putTracked(Object object, Object tracker, Object owner, int site);

    /** A lookup returned {@code object} with a reference taken ({@code null}: nothing found). */
    void lookupHold(Object object, Object tracker, Object owner, int site);

    /** An untracked reference on {@code object} now recorded in {@code tracker}. */
    void trackerAlloc(Object object, Object tracker, Object owner, int site);

    /**
     * A lifecycle method of the profile ran.
     *
     * @param target the profile target's id
     * @param args   the method's arguments
     * @param result its return value (boxed), or {@code null} on entry or for {@code void}
     * @param exit   whether this is the method's exit (else its entry)
     */
    void lifecycle(int target, Object[] args, Object result, boolean exit);

    /**
     * An instance method of the profile ran on {@code self} (a transfer of ownership to it, or the point where
     * an object should be free).
     *
     * @param site the call site registered for this method of this class
     */
    void instanceEvent(int target, Object self, Object[] args, int site);

    /** Starts a check period: returns a mark for {@link #heldSince}. */
    long mark();

    /** What is still held of the references taken since {@code mark}, as a report, or {@code null} for nothing. */
    String heldSince(long mark);
}
