package org.reftrace.agent.record;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One object's outstanding holds, and the rules that pair a put with one of them ({@link PairingRule}). Recently
 * released tracked holds stay in a quarantine (128, as the kernel's ref_tracker) so that a second release through
 * the same tracker is recognised.
 *
 * <p>Implementation notes. Holds are appended in time order; a put almost always finds its hold at the newest
 * end (the common case of a hold and its put in one function), so every search starts there and removal is by
 * index, O(1) at that end however many references are outstanding. A hold standing for several references
 * ({@code retain(n)}) is removed when its last reference is put. What the rules would otherwise scan the whole list
 * for is counted as holds come and go: the untracked holds handed over and those taken through a view (a pass
 * that has none to find is skipped), and each owner's untracked holds ({@link OwnerCounts}, kept once the list
 * is longer than {@link #SCAN}), so a put costs the same with a million other references outstanding.
 *
 * <p>Not thread-safe: guarded by its {@link ObjectState}'s lock.
 */
final class HoldList {
    static final int QUARANTINE = 128;
    /** Holds a hand-off search looks at, from the newest, for one from a known hand-off site. */
    static final int HANDOFF_SCAN = 64;

    /** A put matched with a hold, and the rule that matched them. */
    record Pairing(Hold hold, PairingRule rule) {}

    /** How many settled owners an object remembers. */
    private static final int SETTLED = 4;
    /** Up to this many live holds, an owner's are found by scanning; beyond it, they are counted. */
    static final int SCAN = 32;

    /** A released tracked hold and where it was released. */
    record Released(int trackerHash, Hold hold, Site putSite, String putThread, Throwable putStack) {}

    /** Two to start with: most objects (a buffer) have one or two holds at a time, and an ArrayList starts at ten. */
    private final List<Hold> live = new ArrayList<>(2);
    /**
     * Whether the object is forgotten once nothing is outstanding ({@link References#evictIfIdle}): then a put that
     * empties the list has no later put to tell about its owner, and no settled owner is noted.
     */
    private final boolean forgottenWhenEmpty;
    /** Made at the first tracked release: most objects (every buffer) never have one. */
    private ArrayDeque<Released> quarantine;
    /** Holds not recorded (a cap was reached), whose puts are absorbed rather than reported as unpaired. */
    private int dropped;
    /**
     * The last few owners whose put at a call site gave back every reference they had taken here (owner identity
     * hash and site id), or null.
     */
    private long[] settled;
    private int settledNext;
    /** Live untracked holds handed to their owner (not through a view), and those taken through a view. */
    private int handedOver;
    private int throughViews;
    /** Each owner's live untracked holds, once there are more than {@link #SCAN} live holds; else {@code null}. */
    private OwnerCounts owners;

    /** @param forgottenWhenEmpty whether the object leaves the table when its last hold is put */
    HoldList(boolean forgottenWhenEmpty) {
        this.forgottenWhenEmpty = forgottenWhenEmpty;
    }

    void add(Hold hold) {
        live.add(hold);
        counted(hold, 1);
        if (owners == null && live.size() > SCAN) {
            owners = new OwnerCounts();
            for (Hold h : live) {
                if (!h.tracked() && h.hasOwner()) {
                    owners.add(h.ownerHash, 1);
                }
            }
        }
    }

    /** Keeps the counts as an untracked hold enters ({@code +1}) or leaves ({@code -1}) the live list. */
    private void counted(Hold h, int delta) {
        if (h.tracked()) {
            return;
        }
        if (h.viaHash() != 0) {
            throughViews += delta;
        } else if (h.transferred) {
            handedOver += delta;
        }
        if (owners != null && h.hasOwner()) {
            owners.add(h.ownerHash, delta);
        }
    }

    /** Whether the owner (by identity hash) has a live untracked hold other than {@code except}. */
    private boolean ownerHoldsAnother(int ownerHash, Hold except) {
        if (owners != null) {
            return owners.count(ownerHash) > 0;
        }
        for (Hold h : live) {
            if (!h.tracked() && h.ownerHash == ownerHash && h != except) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return live.size();
    }

    int refs() {
        int refs = 0;
        for (Hold h : live) {
            refs += h.refs;
        }
        return refs;
    }

    List<Hold> snapshot() {
        return List.copyOf(live);
    }

    void countDropped() {
        dropped++;
    }

    /** Takes back one dropped hold's put, so that a dropped hold never makes its put look unpaired. */
    boolean absorbDropped() {
        if (dropped > 0) {
            dropped--;
            return true;
        }
        return false;
    }

    /** Releases one reference of the newest hold recorded in the tracker, keeping it in quarantine; or null. */
    Hold releaseTracked(int trackerHash, Site putSite, String putThread, Throwable putStack) {
        for (int i = live.size() - 1; i >= 0; i--) {
            Hold h = live.get(i);
            if (h.trackedBy(trackerHash)) {
                if (--h.refs == 0) {
                    removeAt(i);
                }
                if (quarantine == null) {
                    quarantine = new ArrayDeque<>();
                }
                quarantine.addLast(new Released(trackerHash, h, putSite, putThread, putStack));
                if (quarantine.size() > QUARANTINE) {
                    quarantine.removeFirst();
                }
                return h;
            }
        }
        return null;
    }

    /** The most recent release through the tracker, or {@code null}. */
    Released released(int trackerHash) {
        if (quarantine == null) {
            return null;
        }
        for (Iterator<Released> it = quarantine.descendingIterator(); it.hasNext(); ) {
            Released r = it.next();
            if (r.trackerHash() == trackerHash) {
                return r;
            }
        }
        return null;
    }

    /** The live hold recorded in the tracker, newest first, or {@code null}. */
    Hold liveTracked(int trackerHash) {
        for (int i = live.size() - 1; i >= 0; i--) {
            if (live.get(i).trackedBy(trackerHash)) {
                return live.get(i);
            }
        }
        return null;
    }

    /**
     * Pairs an untracked put with one reference of a hold: one the same owner took through the same view
     * ({@code VIEW}); the same owner's newest, preferring those not taken through a view ({@code OWNER}); one anybody
     * took through the same view ({@code VIEW}); once the object is going away
     * ({@code teardown}), the reference it was allocated with ({@code INITIAL}): the teardown drops it
     * ({@code inetdev_destroy()} marks the {@code in_device} dead, then puts the device's reference), while the
     * others are their holders' to drop; for a put with no owner, the newest ownerless hold on the same thread
     * ({@code THREAD}); else another owner's hold, from a site known to hand its references off if one is near the
     * newest end ({@code HANDOFF_SITE}), else the newest ({@code HANDOFF}): a reference passed on is put by whoever
     * received it, usually soon, while a leaked or long-lived one is old. {@code null} when no untracked hold is
     * left.
     */
    Pairing pairUntracked(Owner owner, String thread, boolean anyHandOffSites, int viaHash, boolean teardown,
            int putSiteId) {
        // a reference put back through a view pairs first with one its owner took through that same view, then with
        // any the owner took, then with one anybody took through that view: a manager releasing the searcher it
        // replaces drops its own reference, not that of a search still using the searcher
        Pairing sameView = viaHash == 0 || !owner.present() ? null : throughView(viaHash, owner);
        if (sameView != null) {
            return sameView;
        }
        Pairing sameOwner = owner.present() ? newestOf(owner, thread, PairingRule.OWNER, putSiteId) : null;
        if (sameOwner != null) {
            return sameOwner;
        }
        sameView = viaHash == 0 ? null : throughView(viaHash, null);
        if (sameView != null) {
            return sameView;
        }
        if (teardown) {
            for (int i = 0; i < live.size(); i++) {
                Hold h = live.get(i);
                if (!h.tracked() && h.initial) {
                    return new Pairing(takeOne(i), PairingRule.INITIAL);
                }
            }
        }
        Pairing sameThread = owner.present() ? null : newestOf(owner, thread, PairingRule.THREAD, putSiteId);
        if (sameThread != null) {
            return sameThread;
        }
        if (anyHandOffSites) {
            for (int i = live.size() - 1, seen = 0; i >= 0 && seen < HANDOFF_SCAN; i--) {
                Hold h = live.get(i);
                if (!h.tracked()) {
                    seen++;
                    if (h.site.handsOff) {
                        return new Pairing(takeOne(i), PairingRule.HANDOFF_SITE);
                    }
                }
            }
        }
        for (int i = live.size() - 1; i >= 0; i--) {
            if (!live.get(i).tracked()) {
                return new Pairing(takeOne(i), PairingRule.HANDOFF);
            }
        }
        return null;
    }

    /** The newest untracked hold taken through the view (by {@code owner}, unless null), or null. */
    private Pairing throughView(int viaHash, Owner owner) {
        if (throughViews == 0) {
            return null;
        }
        for (int i = live.size() - 1; i >= 0; i--) {
            Hold h = live.get(i);
            if (!h.tracked() && h.viaHash() == viaHash && (owner == null || h.ownedBy(owner))) {
                return new Pairing(takeOne(i), PairingRule.VIEW);
            }
        }
        return null;
    }

    /**
     * Whether the owner has given back, through a put at this same call site, every reference it took here, and
     * holds none now: another put of its own there is one more than it took ({@code addrconf_rs_timer()} putting a
     * reference its timer was re-armed without), not the hand-off of somebody else's. A service object putting
     * references it took elsewhere (a protocol's close) is not matched: the site must be the same.
     */
    boolean settledBy(Owner owner, int putSiteId) {
        if (settled == null || !owner.present()) {
            return false;
        }
        long key = settledKey(owner.hash(), putSiteId);
        boolean known = false;
        for (long k : settled) {
            known |= k == key;
        }
        return known && !ownerHoldsAnother(owner.hash(), null);
    }

    private void noteIfSettled(Hold paired, int putSiteId) {
        if (paired.refs > 0 || forgottenWhenEmpty && live.isEmpty() || ownerHoldsAnother(paired.ownerHash, paired)) {
            return;
        }
        long key = settledKey(paired.ownerHash, putSiteId);
        if (settled == null) {
            settled = new long[SETTLED];
        }
        for (long k : settled) {
            if (k == key) {
                return;
            }
        }
        settled[settledNext] = key;
        settledNext = (settledNext + 1) % SETTLED;
    }

    private static long settledKey(int ownerHash, int siteId) {
        return (long) ownerHash << 32 | (siteId & 0xffffffffL);
    }

    /**
     * The newest untracked hold of the owner (or, without one, ownerless on the thread): first one handed to the
     * owner, then one it took, then one taken through a view. A reference handed over is stored in its owner
     * (a socket's cached route), and the owner's put of it is the usual end of it; one the owner took itself in
     * passing ({@code dst_hold()} "to counteract" a reset) is the one a bug forgets.
     */
    private Pairing newestOf(Owner owner, String thread, PairingRule rule, int putSiteId) {
        if (owner.present() && owners != null && owners.count(owner.hash()) == 0) {
            return null; // the owner holds none here: no pass could find one (a hand-off put, among a million others)
        }
        for (int pass = 0; pass < 3; pass++) {
            if (pass == 0 && handedOver == 0 || pass == 2 && throughViews == 0) {
                continue; // nothing that pass could find
            }
            for (int i = live.size() - 1; i >= 0; i--) {
                Hold h = live.get(i);
                boolean eligible = pass == 0 ? h.transferred && h.viaHash() == 0 : pass == 1 ? h.viaHash() == 0 : true;
                if (!h.tracked() && eligible
                        && (owner.present() ? h.ownedBy(owner) : !h.hasOwner() && h.thread.equals(thread))) {
                    Hold taken = takeOne(i);
                    if (owner.present()) {
                        noteIfSettled(taken, putSiteId);
                    }
                    return new Pairing(taken, rule);
                }
            }
        }
        return null;
    }

    /** Gives the newest untracked hold by {@code owner} (or on {@code thread}) to the tracker. */
    boolean attachTracker(int trackerHash, Owner owner, String thread) {
        for (int i = live.size() - 1; i >= 0; i--) {
            Hold h = live.get(i);
            if (!h.tracked() && (owner.present() ? h.ownedBy(owner) : h.thread.equals(thread))) {
                counted(h, -1);
                h.trackerHash = trackerHash;
                return true;
            }
        }
        return false;
    }

    /** The newest hold, or {@code null}. */
    Hold newest() {
        return live.isEmpty() ? null : live.get(live.size() - 1);
    }

    /** Replaces the newest hold (a transfer of ownership). */
    void replaceNewest(Hold replacement) {
        counted(live.get(live.size() - 1), -1);
        live.set(live.size() - 1, replacement);
        counted(replacement, 1);
    }

    /** Takes one reference of the hold at {@code index}: the hold itself once it stands for no more. */
    private Hold takeOne(int index) {
        Hold h = live.get(index);
        if (--h.refs == 0) {
            removeAt(index);
        }
        return h;
    }

    private void removeAt(int index) {
        counted(live.remove(index), -1);
        if (live.isEmpty()) {
            owners = null;
        }
    }
}
