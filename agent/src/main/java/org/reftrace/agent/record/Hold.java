package org.reftrace.agent.record;

/**
 * One outstanding reference (or several, taken at once by {@code retain(n)}): who took it, where, when, on which
 * thread. The owner is kept as its identity hash and class name, never as a reference, so the recorder never keeps
 * an owner alive; an owner that is itself a tracked object is kept as that object's state, which holds it weakly.
 * Guarded by its {@link ObjectState}'s lock.
 */
final class Hold {
    final Site site;
    /** The owner's class name (the {@code Class}'s own cached string), or the site's class for no owner. */
    final String ownerClass;
    /** The owner's identity hash; 0 for no owner. */
    final int ownerHash;
    /** The owner's state when the owner is a tracked object; else {@code null}. */
    final ObjectState ownerState;
    final String thread;
    final long sinceNanos;
    final Throwable stack;
    /** The test-mode scope and epoch it was taken in. */
    final long scope;
    final long epoch;
    /** Whether it was taken after its object had begun going away. */
    final boolean afterUnregister;
    /** The tracker's identity hash, or 0 for an untracked hold (HotSpot never hands out 0 as an identity hash). */
    int trackerHash;
    /** References it stands for. */
    int refs = 1;

    Hold(Site site, Owner owner, Attribution who, long sinceNanos, Throwable stack, long epoch, boolean afterUnregister) {
        this.site = site;
        this.ownerClass = owner.className(site);
        this.ownerHash = owner.hash();
        this.ownerState = owner.state();
        this.thread = who.thread();
        this.sinceNanos = sinceNanos;
        this.stack = stack;
        this.scope = who.scope();
        this.epoch = epoch;
        this.afterUnregister = afterUnregister;
    }

    /** The same reference, now belonging to another owner (a transfer): its origin (time, stack) stays. */
    Hold movedTo(Site newSite, Owner newOwner, Attribution who) {
        Hold moved = new Hold(newSite, newOwner, who, sinceNanos, stack, epoch, afterUnregister);
        moved.trackerHash = trackerHash;
        moved.refs = refs;
        return moved;
    }

    boolean tracked() {
        return trackerHash != 0;
    }

    boolean ownedBy(Owner candidate) {
        return candidate.hash() == ownerHash && candidate.hash() != 0 && candidate.className(site).equals(ownerClass);
    }

    boolean hasOwner() {
        return ownerHash != 0;
    }

    boolean trackedBy(int hash) {
        return trackerHash != 0 && trackerHash == hash;
    }
}
