package org.reftrace.agent.record;

import java.util.concurrent.atomic.LongAdder;

/**
 * Which holds get a stack: the first {@code perSite} at each call site, the first of each owner class at each site
 * (a representative, so that any reference still held when a report is made has a stack of its own or one from
 * the same site and owner class), and, whatever the budget, holds taken after their object began going away.
 * Stacks are captured raw ({@code new Throwable()}) and resolved to frames only when a report is made.
 *
 * <p>Thread-safe.
 */
final class StackBudget {
    private final int perSite;
    private final LongAdder notCaptured = new LongAdder();

    /** @param perSite stacks per site; -1: every hold; 0: none at all (call sites only) */
    StackBudget(int perSite) {
        this.perSite = perSite;
    }

    /** A stack for a hold at {@code site} by an owner of {@code ownerClass}, or {@code null} by design. */
    Throwable forHold(Site site, String ownerClass, boolean evidence) {
        if (perSite == 0) {
            return null;
        }
        if (evidence || site.claimStack(perSite)) {
            Throwable stack = new Throwable();
            if (site.needsRepresentative(ownerClass)) {
                site.keepRepresentative(ownerClass, stack);
            }
            return stack;
        }
        if (site.needsRepresentative(ownerClass)) {
            Throwable stack = new Throwable();
            site.keepRepresentative(ownerClass, stack);
            return stack;
        }
        notCaptured.increment();
        return null;
    }

    /** A stack for a rare event (a problem, a free, an unregister): always. */
    Throwable forEvent() {
        return new Throwable();
    }

    /** Holds that got no stack of their own, by design. */
    long notCaptured() {
        return notCaptured.sum();
    }

    int perSite() {
        return perSite;
    }
}
