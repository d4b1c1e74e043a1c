package org.reftrace.agent.record;

/**
 * One outstanding reference: who took it, where, when, on which thread. About 56 bytes: the owner is kept as
 * its identity hash and class name, never as a reference, so the recorder never keeps an owner alive and pays
 * no weak reference per hold; an owner that is itself a tracked object (a device holding a device) is kept as
 * that object's state, which holds it weakly. Guarded by its {@link ObjectState}'s lock.
 */
final class Hold {
    final Site site;
    /** The owner's class name (the {@code Class}'s own cached string), or the site's class for no owner. */
    final String ownerClass;
    /** The owner's identity hash; 0 for no owner. */
    final int ownerHash;
    /** The owner's state when the owner is a tracked object, for naming it; else {@code null}. */
    final ObjectState ownerState;
    final String thread;
    final long sinceNanos;
    final Throwable stack;
    /** The test-mode epoch it was taken in ({@link Recorder#mark()}). */
    final int epoch;
    /** The tracker's identity hash, or 0 for an untracked hold (HotSpot never hands out 0 as an identity hash). */
    int trackerHash;

    Hold(Site site, Owner owner, String thread, long sinceNanos, Throwable stack, int epoch) {
        this.site = site;
        this.ownerClass = owner.className(site);
        this.ownerHash = owner.hash();
        this.ownerState = owner.state();
        this.thread = thread;
        this.sinceNanos = sinceNanos;
        this.stack = stack;
        this.epoch = epoch;
    }

    boolean tracked() {
        return trackerHash != 0;
    }

    boolean ownedBy(Owner candidate) {
        return candidate.hash() == ownerHash && candidate.hash() != 0 && candidate.className(site) == ownerClass;
    }

    boolean hasOwner() {
        return ownerHash != 0;
    }

    boolean trackedBy(int hash) {
        return trackerHash != 0 && trackerHash == hash;
    }
}
