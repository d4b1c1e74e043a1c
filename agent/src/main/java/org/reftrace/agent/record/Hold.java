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
    /** When it was taken: on the coarse clock, or on the precise one when {@link #sampled}. */
    final long sinceNanos;
    /** Whether it took its tick's precise sample ({@link AgentClock#takeSample()}): its duration is exact. */
    final boolean sampled;
    final Throwable stack;
    /** The test-mode scope and epoch it was taken in. */
    final long scope;
    final long epoch;
    /** Whether it was taken after its object had begun going away. */
    final boolean afterUnregister;
    /** The tracker's identity hash, or 0 for an untracked hold (HotSpot never hands out 0 as an identity hash). */
    int trackerHash;
    /** The identity hash of the view it was taken through (a slice of this buffer), or 0. */
    final int viaHash;
    /** References it stands for. */
    int refs = 1;
    /** Whether it is the reference the object was allocated with (what its teardown drops). */
    boolean initial;
    /** Whether it was handed to its owner (stored in it: a socket's cached route) rather than taken by it. */
    final boolean transferred;

    Hold(Site site, Owner owner, Attribution who, long sinceNanos, boolean sampled, Throwable stack, long epoch,
            boolean afterUnregister) {
        this.site = site;
        this.ownerClass = owner.className(site);
        this.ownerHash = owner.hash();
        this.ownerState = owner.state();
        this.thread = who.thread();
        this.sinceNanos = sinceNanos;
        this.sampled = sampled;
        this.stack = stack;
        this.scope = who.scope();
        this.epoch = epoch;
        this.afterUnregister = afterUnregister;
        this.viaHash = who.via() == null ? 0 : System.identityHashCode(who.via());
        this.transferred = false;
    }

    private Hold(Hold from, Site site, Owner owner, Attribution who) {
        this.site = site;
        this.ownerClass = owner.className(site);
        this.ownerHash = owner.hash();
        this.ownerState = owner.state();
        this.thread = who.thread();
        this.sinceNanos = from.sinceNanos;
        this.sampled = from.sampled;
        this.stack = from.stack;
        this.scope = who.scope();
        this.epoch = from.epoch;
        this.afterUnregister = from.afterUnregister;
        this.viaHash = from.viaHash;
        this.trackerHash = from.trackerHash;
        this.refs = from.refs;
        this.initial = from.initial;
        this.transferred = true;
    }

    /** The same reference, now belonging to another owner (a transfer): its origin (time, stack, view) stays. */
    Hold movedTo(Site newSite, Owner newOwner, Attribution who) {
        return new Hold(this, newSite, newOwner, who);
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
