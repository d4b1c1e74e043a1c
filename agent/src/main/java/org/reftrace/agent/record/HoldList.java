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
 * ({@code retain(n)}) is removed when its last reference is put.
 *
 * <p>Not thread-safe: guarded by its {@link ObjectState}'s lock.
 */
final class HoldList {
    static final int QUARANTINE = 128;
    /** Holds a hand-off search looks at, from the newest, for one from a known hand-off site. */
    static final int HANDOFF_SCAN = 64;

    /** A put matched with a hold, and the rule that matched them. */
    record Pairing(Hold hold, PairingRule rule) {}

    /** A released tracked hold and where it was released. */
    record Released(int trackerHash, Hold hold, Site putSite, String putThread, Throwable putStack) {}

    private final List<Hold> live = new ArrayList<>();
    private final ArrayDeque<Released> quarantine = new ArrayDeque<>();
    /** Holds not recorded (a cap was reached), whose puts are absorbed rather than reported as unpaired. */
    private int dropped;

    void add(Hold hold) {
        live.add(hold);
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
     * Pairs an untracked put with one reference of a hold: the same owner's newest ({@code OWNER}); for a put with
     * no owner, the newest ownerless hold on the same thread ({@code THREAD}); else another owner's hold, from a
     * site known to hand its references off if one is near the newest end ({@code HANDOFF_SITE}), else the newest
     * ({@code HANDOFF}): a reference passed on is put by whoever received it, usually soon, while a leaked or
     * long-lived one is old. {@code null} when no untracked hold is left.
     */
    Pairing pairUntracked(Owner owner, String thread, boolean anyHandOffSites) {
        for (int i = live.size() - 1; i >= 0; i--) {
            Hold h = live.get(i);
            if (!h.tracked() && (owner.present() ? h.ownedBy(owner) : !h.hasOwner() && h.thread.equals(thread))) {
                return new Pairing(takeOne(i), owner.present() ? PairingRule.OWNER : PairingRule.THREAD);
            }
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

    /** Gives the newest untracked hold by {@code owner} (or on {@code thread}) to the tracker. */
    boolean attachTracker(int trackerHash, Owner owner, String thread) {
        for (int i = live.size() - 1; i >= 0; i--) {
            Hold h = live.get(i);
            if (!h.tracked() && (owner.present() ? h.ownedBy(owner) : h.thread.equals(thread))) {
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
        live.set(live.size() - 1, replacement);
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
        int last = live.size() - 1;
        if (index == last) {
            live.remove(last);
        } else {
            live.remove(index);
        }
    }
}
