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
        ObjectState state = t.objects.stateOf(object, p);
        if (state == null) {
            t.holdsDropped.incrementAndGet();
            return;
        }
        if (state.stage.freed()) {
            state.stage = Stage.ALLOCATED;
            state.freed = null;
        }
        hold(p, object, null, 1, who, state);
    }

    /** A new object whose first reference is its own: no holder, only its life begins. */
    void create(ProfileRuntime p, Object object, Attribution who) {
        ObjectState state = t.objects.stateOf(object, p);
        if (state != null) {
            refreshName(p, object, state);
            state.event("alloc", t.clock.preciseNow(), who.thread());
        }
    }

    /** A reference taken (a hold, or a lookup handing one out), {@code count} at once. */
    void hold(ProfileRuntime p, Object object, Object tracker, int count, Attribution who) {
        ObjectState state = t.objects.stateOf(object, p);
        if (state == null) {
            t.holdsDropped.addAndGet(count);
            return;
        }
        hold(p, object, tracker, count, who, state);
    }

    private void hold(ProfileRuntime p, Object object, Object tracker, int count, Attribution who, ObjectState state) {
        t.events[p.index()].increment();
        Site site = who.site();
        site.taken.add(count);
        if (state.name == null) {
            refreshName(p, object, state);
        }
        if (state.stage.freed()) {
            problems.useAfterFree(state, "a reference was taken on", site, who, null);
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
        t.liveHolds.add(count);
        t.checkCapSometimes();
        Owner owner = owner(state, who.owner());
        boolean late = state.goingAway();
        Hold hold = new Hold(site, owner, who, t.clock.now(), t.stacks.forHold(site, owner.className(site), late),
                t.epoch, late);
        hold.refs = count;
        int trackerHash = tracker == null ? 0 : System.identityHashCode(tracker);
        hold.trackerHash = trackerHash;
        Hold reused;
        synchronized (state) {
            reused = trackerHash == 0 ? null : state.holds.liveTracked(trackerHash);
            state.holds.add(hold);
        }
        if (reused != null) {
            problems.report(ProblemType.TRACKER_REUSED, state, "a tracker that still records a reference (taken at "
                    + reused.site.frame() + ") was used for another one: holders share a tracker", site, who,
                    List.of(problems.taken(reused)));
        }
    }

    /** A reference dropped, {@code count} at once. */
    void put(ProfileRuntime p, Object object, Object tracker, int count, Attribution who) {
        ObjectState state = t.objects.stateOf(object, p);
        if (state == null) {
            return;
        }
        t.events[p.index()].increment();
        Site site = who.site();
        site.released.add(count);
        for (int i = 0; i < count; i++) {
            putOne(p, object, tracker, who, state, site);
        }
        if (p.hasCount() && !p.profile().hasLifecycle() && state.liveCount() == 0) {
            Integer left = p.count(object);
            if (left != null && left <= p.profile().countFloor()) {
                // the put that takes the count down to what the object owns itself frees it (Netty's release)
                state.stage = Stage.FREED;
                state.freed = new ObjectState.Place(site, who.thread(), t.clock.now(), null);
            }
        }
        evictIfIdle(object, state);
    }

    private void putOne(ProfileRuntime p, Object object, Object tracker, Attribution who, ObjectState state,
            Site site) {
        Owner owner = owner(state, who.owner());
        int trackerHash = tracker == null ? 0 : System.identityHashCode(tracker);
        Hold paired = null;
        PairingRule rule = null;
        HoldList.Released again = null;
        boolean absorbed = false;
        synchronized (state) {
            if (trackerHash != 0) {
                paired = state.holds.releaseTracked(trackerHash, site, who.thread(), null);
                if (paired != null) {
                    rule = PairingRule.TRACKER;
                } else {
                    again = state.holds.released(trackerHash);
                }
            }
            if (paired == null && again == null) {
                HoldList.Pairing pairing = state.holds.pairUntracked(owner, who.thread(), t.anyHandOffSites);
                if (pairing != null) {
                    paired = pairing.hold();
                    rule = trackerHash != 0 ? pairing.rule().untracked() : pairing.rule();
                } else {
                    absorbed = state.holds.absorbDropped();
                }
            }
        }
        if (state.stage.freed()) {
            problems.useAfterFree(state, "a reference was dropped on", site, who, paired);
        }
        if (paired != null) {
            paired(paired, rule);
        } else if (again != null) {
            problems.report(ProblemType.REFERENCE_ALREADY_RELEASED, state, "reference already released: the "
                    + "tracker's reference (taken at " + again.hold().site.frame() + ") was released before at "
                    + again.putSite().frame(), site, who, List.of(problems.taken(again.hold()),
                    new ProblemRecord.OriginRecord(org.reftrace.dump.Origin.Role.FIRST_RELEASE, again.putSite(),
                            again.putThread(), -1, again.putStack())));
        } else if (!absorbed && !state.stage.freed()) {
            unpaired(p, object, state, site, who);
        }
    }

    private void unpaired(ProfileRuntime p, Object object, ObjectState state, Site site, Attribution who) {
        Integer count = p.count(object);
        int floor = p.profile().countFloor();
        if (count != null && count < floor) {
            problems.report(ProblemType.REFCOUNT_UNDERFLOW, state, "this put took the count to " + count + ", below the "
                    + floor + " the object owns itself", site, who, problems.origins(List.of(), state));
        }
        problems.report(ProblemType.PUT_WITHOUT_HOLD, state, "a reference was dropped that no recorded hold took",
                site, who, List.of());
    }

    private void paired(Hold hold, PairingRule rule) {
        t.liveHolds.decrement();
        t.checkCapSometimes();
        t.pairings.get(rule).increment();
        hold.site.released.increment();
        if (rule == PairingRule.HANDOFF || rule == PairingRule.HANDOFF_SITE || rule == PairingRule.HANDOFF_UNTRACKED) {
            if (!hold.site.handsOff) {
                hold.site.handsOff = true;
                t.anyHandOffSites = true;
            }
        }
        t.timings.holdDuration(hold.site, t.clock.now() - hold.sinceNanos);
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
        Owner owner = owner(state, who.owner());
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
        Owner owner = owner(state, receiver);
        synchronized (state) {
            Hold newest = state.holds.newest();
            if (newest != null && !newest.site.staticInitializer) { // a static constant stays its class's
                state.holds.replaceNewest(newest.movedTo(who.site(), owner, who));
            }
        }
    }

    /** Forgets an object with nothing outstanding and nothing to report, when its kind has no lifecycle. */
    private void evictIfIdle(Object object, ObjectState state) {
        if (!state.profile.profile().hasLifecycle() && !state.reported && state.wait == null
                && state.liveCount() == 0) {
            t.recentlyFreed.add(state); // a double release later still names where it was freed
            t.objects.evict(object, state);
        }
    }

    /**
     * The owner as a hold keeps it. An owner that is itself a tracked object (of any profile) is kept as its state:
     * the link a chain follows; the object owning itself (a static helper handed the object) is no link.
     */
    Owner owner(ObjectState of, Object owner) {
        if (owner == null) {
            return Owner.NONE;
        }
        ObjectState ownerState = null;
        for (ProfileRuntime rt : t.runtimes) {
            if (rt.tracks(owner.getClass())) {
                ownerState = t.objects.stateOf(owner, rt);
                if (ownerState != null && ownerState.name == null) {
                    refreshName(rt, owner, ownerState); // on the program's own thread: safe
                }
                break;
            }
        }
        return new Owner(System.identityHashCode(owner), owner.getClass().getName(), ownerState == of ? null : ownerState);
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
