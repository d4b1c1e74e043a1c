package org.reftrace.netdev;

/**
 * {@code struct ref_tracker}: one tracked reference, from its hold to its put and then in quarantine.
 * Guarded by its {@link RefTrackerDir}'s lock.
 */
final class RefTracker {
    final StackDepot.Stack allocStack;
    StackDepot.Stack freeStack;
    boolean released;

    RefTracker(StackDepot.Stack allocStack) {
        this.allocStack = allocStack;
    }
}
