package org.reftrace.agent.record;

import java.lang.ref.WeakReference;

/**
 * One outstanding reference: who took it, where, when, on which thread. Owner and tracker are held weakly: the
 * recorder never keeps alive what it watches. Guarded by its {@link ObjectState}'s lock.
 */
final class Hold {
    final Site site;
    final WeakReference<Object> owner;
    final String ownerClass;
    /** The owner's identity hash, kept to name it once it is collected. */
    final int ownerHash;
    final String thread;
    final long sinceNanos;
    final Throwable stack;
    WeakReference<Object> tracker;

    Hold(Site site, Object owner, Object tracker, String thread, long sinceNanos, Throwable stack) {
        this.site = site;
        this.owner = owner == null ? null : new WeakReference<>(owner);
        this.ownerClass = owner == null ? site.className() : owner.getClass().getName();
        this.ownerHash = owner == null ? 0 : System.identityHashCode(owner);
        this.tracker = tracker == null ? null : new WeakReference<>(tracker);
        this.thread = thread;
        this.sinceNanos = sinceNanos;
        this.stack = stack;
    }

    boolean ownedBy(Object candidate) {
        return owner != null && owner.get() == candidate;
    }

    boolean tracked() {
        return tracker != null;
    }

    boolean trackedBy(Object candidate) {
        return tracker != null && tracker.get() == candidate;
    }
}
