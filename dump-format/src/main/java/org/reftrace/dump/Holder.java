package org.reftrace.dump;

/**
 * One outstanding hold.
 *
 * @param site       the call site that took it, as a {@code StackTraceElement} string
 * @param owner      the object that took it, named (e.g. {@code dummy0.1.2 (NetDevice)} or
 *                   {@code TunnelRouteCache@1b6d3586}), or {@code null} for a static context
 * @param ownerClass the owner's class name, or the class of the call site for a static context
 * @param thread     the taking thread's name
 * @param sinceNanos when it was taken, since the agent started
 * @param heldNanos  how long it had been held when the dump was taken
 * @param pairing    how its put will be paired: {@code tracker} (exact) or {@code owner}
 * @param stack      id in the dump's stack table, or {@code null} when not captured
 * @param ownerObjectId the id of the tracked object that owns this reference (a dst holding its device), or
 *                   {@code null} when the owner is not tracked: the link a chain of references follows (v2)
 * @param afterUnregister whether it was taken after the object had begun going away (its unregister, or the
 *                   point where it should be free): the strongest evidence of a leak there is (v2)
 * @param stackRepresentative whether {@code stack} was captured for another hold at the same call site by an
 *                   owner of the same class, not for this one (the stack budget was spent) (v2)
 */
public record Holder(String site, String owner, String ownerClass, String thread, long sinceNanos, long heldNanos,
        String pairing, String stack, Long ownerObjectId, boolean afterUnregister, boolean stackRepresentative) {

    /** A version 1 holder: no chain link, not marked. */
    public Holder(String site, String owner, String ownerClass, String thread, long sinceNanos, long heldNanos,
            String pairing, String stack) {
        this(site, owner, ownerClass, thread, sinceNanos, heldNanos, pairing, stack, null, false, false);
    }
}
