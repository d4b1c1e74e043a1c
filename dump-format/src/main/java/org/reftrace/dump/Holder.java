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
 */
public record Holder(String site, String owner, String ownerClass, String thread, long sinceNanos, long heldNanos,
        String pairing, String stack) {}
