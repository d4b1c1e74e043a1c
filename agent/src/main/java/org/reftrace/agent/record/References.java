package org.reftrace.agent.record;

import java.util.List;
import org.reftrace.dump.ProblemType;

/**
 * The hold table's job: records each reference taken and pairs each put with one ({@link HoldList}), counts what
 * each call site took and put back, and reports what cannot be paired. Knows nothing of lifecycles beyond an
 * object's stage, nor of bytecode or printing.
 *
 * <p>Thread-safe: each object's holds are guarded by its state; counters are striped.
 */
final class References {
    private final Tables t;
    private final Problems problems;

    References(Tables tables, Problems problems) {
        this.t = tables;
        this.problems = problems;
    }

    /** A new object whose first reference belongs to the caller; a pooled object handed out again starts anew. */
    void alloc(ProfileRuntime p, Object object, Attribution who) {
        ThreadCounts.Cells counts = t.counts.mine();
        ObjectState state = stateOf(object, p, counts);
        if (state == null) {
            t.holdsDropped.incrementAndGet();
            return;
        }
        if (state.stage.freed()) {
            state.stage = Stage.ALLOCATED;
            state.freed = null;
        }
        state.allocated = new ObjectState.Place(who.site(), who.thread(), t.clock.now(), null);
        hold(p, object, null, 1, who, state, true, counts);
    }

    /** A new object whose first reference is its own: no holder, only its life begins. */
    void create(ProfileRuntime p, Object object, Attribution who) {
        ObjectState state = t.objects.stateOf(object, p);
        if (state != null) {
            refreshName(p, object, state);
            state.allocated = new ObjectState.Place(who.site(), who.thread(), t.clock.now(), null);
            state.event("alloc", t.clock.preciseNow(), who.thread());
        }
    }

    /** A reference taken (a hold, or a lookup handing one out), {@code count} at once. */
    void hold(ProfileRuntime p, Object object, Object tracker, int count, Attribution who) {
        ThreadCounts.Cells counts = t.counts.mine();
        ObjectState state = stateOf(object, p, counts);
        if (state == null) {
            t.holdsDropped.addAndGet(count);
            return;
        }
        hold(p, object, tracker, count, who, state, false, counts);
    }

    private void hold(ProfileRuntime p, Object object, Object tracker, int count, Attribution who, ObjectState state,
            boolean initial, ThreadCounts.Cells counts) {
        counts.event(p.index());
        Site site = who.site();
        counts.taken(site, count);
        if (state.name == null) {
            refreshName(p, object, state);
        }
        if (state.stage.freed()) {
            if (p.freedByLastPut()) {
                // the library checks a retain itself (Netty and Lucene throw on a freed object): one that returned
                // found it alive, so the put that looked like its last raced with this hold and freed nothing
                state.stage = Stage.ALLOCATED;
                state.freed = null;
            } else {
                problems.useAfterFree(state, "a reference was taken on", site, who, null);
            }
        }
        if (t.atCap()) {
            synchronized (state) {
                for (int i = 0; i < count; i++) {
                    state.holds.countDropped();
                }
            }
            t.holdsDropped.addAndGet(count);
            return;
        }
        counts.live(count);
        t.checkCapSometimes();
        Owner owner = owner(state, who.owner(), who.site(), counts);
        boolean late = state.goingAway();
        // a hold by a tracked object is a link of a chain, maybe of a cycle, which is named by its newest reference:
        // links need an order finer than the coarse clock's millisecond (two links are often microseconds apart)
        long since = owner.state() != null ? t.clock.preciseNow() : t.clock.now();
        Hold hold = new Hold(site, owner, who, since, t.clock.takeSample(),
                t.stacks.forHold(site, owner.className(site), late), t.epoch, late);
        hold.refs = count;
        hold.initial = initial;
        int trackerHash = tracker == null ? 0 : System.identityHashCode(tracker);
        hold.trackerHash = trackerHash;
        Hold reused;
        for (;;) {
            synchronized (state) {
                if (!state.retired) {
                    reused = trackerHash == 0 ? null : state.holds.liveTracked(trackerHash);
                    state.holds.add(hold);
                    break;
                }
            }
            // a concurrent last put forgot the object between our look-up and now: it starts anew
            ObjectState fresh = stateOf(object, p, counts);
            if (fresh == null) {
                t.holdsDropped.addAndGet(count);
                counts.live(-count);
                return;
            }
            state = fresh;
        }
        if (reused != null) {
            problems.report(ProblemType.TRACKER_REUSED, state, "a tracker that still records a reference (taken at "
                    + reused.site.frame() + ") was used for another one: holders share a tracker", site, who,
                    List.of(problems.taken(reused)));
        }
    }

    /** A reference dropped, {@code count} at once. */
    void put(ProfileRuntime p, Object object, Object tracker, int count, Attribution who, long freesAtEntry) {
        ThreadCounts.Cells counts = t.counts.mine();
        ObjectState state = stateOf(object, p, counts);
        if (state == null) {
            return;
        }
        counts.event(p.index());
        Site site = who.site();
        counts.released(site, count);
        if (state.lastPut != site) {
            state.lastPut = site; // a volatile store, a store-load fence: only when the site changes
        }
        for (int i = 0; i < count; i++) {
            putOne(p, object, tracker, who, state, site, freesAtEntry, counts);
        }
        if (p.freedByLastPut() && state.liveCount() == 0) {
            Integer left = p.count(object); // host code: read outside the state's lock
            if (left != null && left <= p.profile().countFloor()) {
                synchronized (state) {
                    if (state.liveCount() == 0) {
                        // the put that takes the count down to what the object owns itself frees it (Netty's
                        // release); a hold racing with it undoes this ({@link #hold})
                        state.stage = Stage.FREED;
                        state.freeSeq = t.frees.incrementAndGet();
                        state.freed = new ObjectState.Place(site, who.thread(), t.clock.now(), null);
                    }
                }
            }
        }
        evictIfIdle(state);
    }

    private void putOne(ProfileRuntime p, Object object, Object tracker, Attribution who, ObjectState state,
            Site site, long freesAtEntry, ThreadCounts.Cells counts) {
        // freed before this put's call began; one freed while it ran was freed because of it
        boolean freedBefore = state.stage.freed() && !(freesAtEntry >= 0 && state.freeSeq > freesAtEntry);
        Owner owner = owner(state, who.owner(), who.site(), counts);
        int trackerHash = tracker == null ? 0 : System.identityHashCode(tracker);
        Hold paired = null;
        PairingRule rule = null;
        HoldList.Released again = null;
        boolean absorbed = false;
        boolean extra = false;
        synchronized (state) {
            if (trackerHash != 0) {
                paired = state.holds.releaseTracked(trackerHash, site, who.thread(), null);
                if (paired != null) {
                    rule = PairingRule.TRACKER;
                } else {
                    again = state.holds.released(trackerHash);
                }
            }
            if (paired == null && again == null && state.holds.settledBy(owner, site.id())) {
                extra = true;
            } else if (paired == null && again == null) {
                HoldList.Pairing pairing = state.holds.pairUntracked(owner, who.thread(), t.anyHandOffSites,
                        who.via() == null ? 0 : System.identityHashCode(who.via()), state.goingAway(), site.id());
                if (pairing != null) {
                    paired = pairing.hold();
                    rule = trackerHash != 0 ? pairing.rule().untracked() : pairing.rule();
                } else {
                    absorbed = state.holds.absorbDropped();
                }
            }
        }
        if (freedBefore) {
            problems.useAfterFree(state, "a reference was dropped on", site, who, paired);
        }
        if (paired != null) {
            paired(paired, rule, counts);
        } else if (again != null) {
            problems.report(ProblemType.REFERENCE_ALREADY_RELEASED, state, "reference already released: the "
                    + "tracker's reference (taken at " + again.hold().site.frame() + ") was released before at "
                    + again.putSite().frame(), site, who, List.of(problems.taken(again.hold()),
                    new ProblemRecord.OriginRecord(org.reftrace.dump.Origin.Role.FIRST_RELEASE, again.putSite(),
                            again.putThread(), -1, again.putStack())));
        } else if (extra && !freedBefore) {
            unpaired(p, object, state, site, who, owner, counts);
        } else if (!absorbed && !freedBefore) {
            unpaired(p, object, state, site, who, null, counts);
        }
    }

    /**
     * A put no recorded hold explains. With a count the object keeps itself, the count says what it was: a put that
     * leaves it at or above what the object owns (its floor, and its registration's while registered) dropped a
     * reference taken where the agent could not see (before a late attach, inside the library's own allocator):
     * counted, not a problem. Below that, it dropped one nobody held: an underflow, and a put without hold.
     */
    /**
     * A put no hold explains. When the object's count still covers what it owns, the reference was taken where the
     * agent could not see (unattributed); unless its owner had already given back all it took ({@code settled}):
     * then this put is one too many, whatever the count says now (the reference it drops is somebody else's).
     */
    private void unpaired(ProfileRuntime p, Object object, ObjectState state, Site site, Attribution who,
            Owner settled, ThreadCounts.Cells counts) {
        Integer count = p.count(object);
        String regState = p.state(object);
        int owned = p.profile().countFloor()
                + (regState != null && p.profile().registeredStates().contains(regState) ? 1 : 0);
        if (count != null && count >= owned && settled == null) {
            counts.paired(PairingRule.UNATTRIBUTED);
            return;
        }
        if (count != null && count < owned) {
            problems.report(ProblemType.REFCOUNT_UNDERFLOW, state, "this put took the count to " + count + ", below the "
                    + owned + " the object owns itself", site, who, problems.origins(List.of(), state));
        }
        problems.report(ProblemType.PUT_WITHOUT_HOLD, state, settled == null
                ? "a reference was dropped that no recorded hold took"
                : "a reference was dropped by " + settled.className(site) + ", which had already put back every "
                        + "reference it took: one put too many", site, who, List.of());
    }

    private void paired(Hold hold, PairingRule rule, ThreadCounts.Cells counts) {
        counts.live(-1);
        t.checkCapSometimes();
        counts.paired(rule);
        counts.released(hold.site, 1);
        if (rule == PairingRule.HANDOFF || rule == PairingRule.HANDOFF_SITE || rule == PairingRule.HANDOFF_UNTRACKED) {
            if (!hold.site.handsOff) {
                hold.site.handsOff = true;
                t.anyHandOffSites = true;
            }
        }
        if (hold.preciseSince() >= 0) {
            t.timings.sampledHoldDuration(hold.site, t.clock.preciseNow() - hold.preciseSince());
        } else {
            t.timings.holdDuration(counts, hold.site, t.clock.now() - hold.sinceNanos);
        }
    }

    /**
     * A hold or put that threw: no reference moved, but when the object's own count says it was already freed
     * (Netty throws on a release of a buffer whose count is 0), it was a use after free: a double release.
     */
    void failed(ProfileRuntime p, Object object, boolean put, Attribution who) {
        ObjectState state = t.objects.find(object);
        Integer count = p.count(object);
        boolean freed = state != null && state.stage.freed()
                || count != null && count <= p.profile().countFloor();
        if (!freed) {
            return;
        }
        if (state == null) {
            state = t.objects.stateOf(object, p);
            if (state == null) {
                return;
            }
        }
        if (state.freed == null) {
            state.freed = t.recentlyFreed.of(object);
        }
        problems.useAfterFree(state, put ? "a release of" : "a retain of", who.site(), who, null);
    }

    /** An untracked reference of the caller's now recorded in the tracker ({@code netdev_tracker_alloc}). */
    void trackerAlloc(ProfileRuntime p, Object object, Object tracker, Attribution who) {
        ObjectState state = t.objects.find(object);
        if (state == null || tracker == null) {
            return;
        }
        Owner owner = owner(state, who.owner(), who.site(), t.counts.mine());
        synchronized (state) {
            state.holds.attachTracker(System.identityHashCode(tracker), owner, who.thread());
        }
    }

    /** The object passes to {@code receiver} (a handler that must release it or pass it on): its newest hold moves. */
    void transfer(ProfileRuntime p, Object object, Object receiver, Attribution who) {
        ObjectState state = t.objects.find(object);
        if (state == null) {
            return;
        }
        Owner owner = owner(state, receiver, who.site(), t.counts.mine());
        synchronized (state) {
            Hold newest = state.holds.newest();
            if (newest != null && !newest.site.staticInitializer) { // a static constant stays its class's
                state.holds.replaceNewest(newest.movedTo(who.site(), owner, who));
            }
        }
    }

    /**
     * Forgets an object with nothing outstanding and nothing to report, when its life ends with its last put. One
     * with a call that frees it stays until it is collected (the table holds it weakly), so that a put or read after
     * its free is still seen as one.
     */
    void evictIfIdle(ObjectState state) {
        if (!state.profile.lifeEndsAtLastPut() || state.reported || state.wait != null || state.liveCount() != 0) {
            return;
        }
        synchronized (state) {
            // decided under the lock a hold takes to add itself: a hold that arrived since the check above wins
            if (state.liveCount() != 0) {
                return;
            }
            state.retired = true;
        }
        forget(state);
    }

    private void forget(ObjectState state) {
        t.recentlyFreed.add(state); // a double release later still names where it was freed
        t.objects.evict(state);
    }

    /**
     * The owner as a hold keeps it. An owner that is itself a tracked object (of any profile) is kept as its state:
     * the link a chain follows; the object owning itself (a static helper handed the object) is no link.
     */
    /**
     * The object's state, made if it has none: the thread's last one when it is the same object's, else from the
     * object table.
     */
    private ObjectState stateOf(Object object, ProfileRuntime p, ThreadCounts.Cells mine) {
        ObjectState state = mine.lastStateIfOf(object);
        if (state == null) {
            state = t.objects.stateOf(object, p);
            if (state != null) {
                mine.lastState(state);
            }
        }
        return state;
    }

    Owner owner(ObjectState of, Object owner, Site site, ThreadCounts.Cells mine) {
        if (owner == null) {
            return Owner.NONE;
        }
        Tables.OwnerType type = t.ownerType(owner.getClass(), site);
        ObjectState ownerState = null;
        if (type.tracker() != null) {
            ownerState = t.objects.stateOf(owner, type.tracker());
            if (ownerState != null && ownerState.name == null) {
                refreshName(type.tracker(), owner, ownerState); // on the program's own thread: safe
            }
        }
        return mine.owner(System.identityHashCode(owner), type.name(), ownerState == of ? null : ownerState);
    }

    private static void refreshName(ProfileRuntime p, Object object, ObjectState state) {
        String name = p.name(object);
        if (name != null) {
            state.name = name;
        }
        String ns = p.namespace(object);
        if (ns != null) {
            state.namespace = ns;
        }
    }

    static void refresh(ProfileRuntime p, Object object, ObjectState state) {
        refreshName(p, object, state);
    }
}
