package org.reftrace.agent.record;

/**
 * One outstanding reference (or several, taken at once by {@code retain(n)}): who took it, where, when, on which
 * thread. The owner is kept as its identity hash and class name, never as a reference, so the recorder never keeps
 * an owner alive; an owner that is itself a tracked object is kept as that object's state, which holds it weakly.
 * Guarded by its {@link ObjectState}'s lock.
 *
 * <p>Implementation notes. A million holds may be outstanding, so a hold is 56 bytes: what most holds never have
 * (a stack, a tracked owner, a test-mode scope, a view, a precise start) lives in one shared-nothing {@link Extras} made only for
 * those that do, and the test-mode epoch is an {@code int}.
 */
final class Hold {
    /** What few holds have; {@code null} in a hold that has none of it. */
    private record Extras(Throwable stack, ObjectState ownerState, long scope, int viaHash, long preciseSince) {}

    final Site site;
    /** The owner's class name (the {@code Class}'s own cached string), or the site's class for no owner. */
    final String ownerClass;
    /** The owner's identity hash; 0 for no owner. */
    final int ownerHash;
    final String thread;
    /** When it was taken: on the coarse clock, or the precise one for a hold by a tracked object (a link). */
    final long sinceNanos;
    /** The test-mode epoch it was taken in. */
    final int epoch;
    /** Whether it was taken after its object had begun going away. */
    final boolean afterUnregister;
    /** The tracker's identity hash, or 0 for an untracked hold (HotSpot never hands out 0 as an identity hash). */
    int trackerHash;
    /** References it stands for. */
    int refs = 1;
    /** Whether it is the reference the object was allocated with (what its teardown drops). */
    boolean initial;
    /** Whether it was handed to its owner (stored in it: a socket's cached route) rather than taken by it. */
    final boolean transferred;
    private final Extras extras;

    /** @param preciseSince when it was taken on the precise clock, if it took its tick's sample; else -1 */
    Hold(Site site, Owner owner, Attribution who, long sinceNanos, long preciseSince, Throwable stack, long epoch,
            boolean afterUnregister) {
        this.site = site;
        this.ownerClass = owner.className(site);
        this.ownerHash = owner.hash();
        this.thread = who.thread();
        this.sinceNanos = sinceNanos;
        this.epoch = (int) epoch;
        this.afterUnregister = afterUnregister;
        this.transferred = false;
        this.extras = extras(stack, owner.state(), who.scope(),
                who.via() == null ? 0 : System.identityHashCode(who.via()), preciseSince);
    }

    private Hold(Hold from, Site site, Owner owner, Attribution who) {
        this.site = site;
        this.ownerClass = owner.className(site);
        this.ownerHash = owner.hash();
        this.thread = who.thread();
        this.sinceNanos = from.sinceNanos;
        this.epoch = from.epoch;
        this.afterUnregister = from.afterUnregister;
        this.trackerHash = from.trackerHash;
        this.refs = from.refs;
        this.initial = from.initial;
        this.transferred = true;
        this.extras = extras(from.stack(), owner.state(), who.scope(), from.viaHash(), from.preciseSince());
    }

    private static Extras extras(Throwable stack, ObjectState ownerState, long scope, int viaHash,
            long preciseSince) {
        return stack == null && ownerState == null && scope == 0 && viaHash == 0 && preciseSince < 0 ? null
                : new Extras(stack, ownerState, scope, viaHash, preciseSince);
    }

    /** The same reference, now belonging to another owner (a transfer): its origin (time, stack, view) stays. */
    Hold movedTo(Site newSite, Owner newOwner, Attribution who) {
        return new Hold(this, newSite, newOwner, who);
    }

    /** The stack taken with it, or {@code null}. */
    Throwable stack() {
        return extras == null ? null : extras.stack();
    }

    /** The owner's state when the owner is a tracked object; else {@code null}. */
    ObjectState ownerState() {
        return extras == null ? null : extras.ownerState();
    }

    /** The test-mode scope it was taken in (0: none). */
    long scope() {
        return extras == null ? 0 : extras.scope();
    }

    /**
     * When it was taken on the precise clock, if it took its tick's precise sample ({@link AgentClock#takeSample()}):
     * its duration is then exact; else -1.
     */
    long preciseSince() {
        return extras == null ? -1 : extras.preciseSince();
    }

    /** The identity hash of the view it was taken through (a slice of this buffer), or 0. */
    int viaHash() {
        return extras == null ? 0 : extras.viaHash();
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
