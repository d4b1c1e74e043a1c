package org.reftrace.agent.profile;

/** What a profile target means for the references of the objects it tracks. */
public enum Role {
    // ---- rewritten at each call site, which gives the owner and the site for free ----
    /** Takes an untracked reference on argument 0. */
    HOLD(true),
    /** Drops an untracked reference on argument 0. */
    PUT(true),
    /** Takes a reference on argument 0, recorded in the tracker at argument 1. */
    HOLD_TRACKED(true),
    /** Drops the reference recorded in the tracker at argument 1, on argument 0. */
    PUT_TRACKED(true),
    /** Returns an object with an untracked reference taken (a lookup), or {@code null}. */
    LOOKUP(true),
    /** Returns an object with a reference recorded in the tracker, its last argument. */
    LOOKUP_TRACKED(true),
    /** Moves an untracked reference on argument 0 into the tracker at argument 1. */
    TRACKER_ALLOC(true),
    // ---- advice on the callee: lifecycle events ----
    /** Returns a new object (its first reference is the object's own). */
    ALLOC(false),
    /** Registers argument 0; returns 0 on success. */
    REGISTER(false),
    /** Returns the list of objects it unregistered: from here every holder must let go. */
    UNREGISTER(false),
    /** Frees argument 0 (possibly deferred). */
    FREE(false),
    /** Argument 0's memory is gone: any later use is a use after free. */
    RELEASE(false),
    /** Waits for the last references of the objects in the list at argument 1; returns the one that is free,
     *  or {@code null} when the wait gave up. */
    WAIT(false),
    /** The wait warns that argument 1 is still held: the moment to name its holders. */
    WAIT_WARNING(false),
    /** The object (its {@code objectArgument}) passes to {@code this}: its newest hold now belongs to {@code this}
     *  and to this method (a Netty handler receiving a message it must release). */
    TRANSFER(false),
    /** From here every holder of the object should let go (a close, a shutdown): it is past its unregister. */
    SHOULD_BE_FREE(false);

    private final boolean callSite;

    Role(boolean callSite) {
        this.callSite = callSite;
    }

    /** Whether the role is instrumented at call sites (else with advice on the method itself). */
    public boolean atCallSite() {
        return callSite;
    }
}
