package org.reftrace.agent.record;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.reftrace.agent.bootstrap.HookSink;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.profile.Role;
import org.reftrace.agent.profile.Target;
import org.reftrace.dump.ProblemType;

/**
 * The recorder: turns the hooks' events into holds, pairings, lifecycle stages, problems and timings. Knows
 * nothing of bytecode, JSON or printing.
 *
 * <p>Implementation notes. Each tracked object has its own hold table ({@link ObjectState}), found through a
 * weak identity map, so threads working on different objects never contend. A put is paired with a hold
 * exactly through its tracker when there is one, else by the rules of {@link ObjectState#pairUntracked}; the
 * pairing used is counted per rule and shown in the report. Stacks are captured raw ({@code new Throwable()})
 * for the first holds at each call site only, and resolved to frames when a report is made; every hold still
 * records its call site, which the rewritten bytecode passes as a constant. Memory is bounded by
 * {@code maxHolds} and {@code maxProblems}; what is dropped is counted, and a dropped hold's put is absorbed
 * rather than reported as unpaired.
 *
 * <p>Thread-safe.
 */
public final class Recorder implements HookSink {
    private final Profile profile;
    private final int stacksPerSite;
    private final int maxHolds;
    private final AgentClock clock = new AgentClock();
    private final SiteTable sites = new SiteTable();
    private final ObjectTable objects;
    private final ObjectProbe probe;
    private final ProblemLog problems;
    private final Timings timings = new Timings(sites);
    /** Puts paired, per rule; the map is filled once and only read after. */
    private final java.util.EnumMap<Pairing, LongAdder> pairingCounts = newPairingCounters();
    /** Outstanding holds, striped: threads on different objects do not contend on one counter. */
    private final LongAdder liveHolds = new LongAdder();
    /**
     * Whether the hold cap is reached. Summing the striped counter reads every thread's cell, so it is done for
     * one hold or put in {@value #CAP_CHECK_EVERY} (at random); the cap is enforced within that many holds per
     * thread.
     */
    private volatile boolean atCap;
    /** The test-mode epoch: holds remember the one they were taken in. */
    private volatile int epoch;
    /** Which classes are of the profile's tracked type (by name, so no class is loaded to ask). */
    private final ClassValue<Boolean> trackedType = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isSubtypeByName(type, profile.objectType().replace('/', '.'));
        }
    };
    static final int CAP_CHECK_EVERY = 64;
    private final AtomicLong holdsDropped = new AtomicLong();
    private final AtomicLong stacksDropped = new AtomicLong();
    private volatile WaitListener waitListener = id -> { };
    private volatile ProblemListener problemListener = (type, kind, object, site, message) -> { };

    public Recorder(Profile profile, int stacksPerSite, int maxHolds, int maxProblems) {
        this.profile = profile;
        this.stacksPerSite = stacksPerSite;
        this.maxHolds = maxHolds;
        this.probe = new ObjectProbe(profile);
        // with a lifecycle, an object collected before it was ever freed is a leak the exit report must show
        this.objects = new ObjectTable(state -> profile.hasRegistration() && !state.stage.freed()
                && state.stage != Stage.REGISTERED);
        this.problems = new ProblemLog(maxProblems);
    }

    public void setWaitListener(WaitListener listener) {
        this.waitListener = listener;
    }

    /** Told of each problem as it is recorded, on the thread that records it. */
    public void setProblemListener(ProblemListener listener) {
        this.problemListener = listener;
    }

    // ---- hooks ----

    @Override
    public void hold(Object object, Object owner, int site) {
        addHold(object, null, owner, site);
    }

    @Override
    public void holdTracked(Object object, Object tracker, Object owner, int site) {
        addHold(object, tracker, owner, site);
    }

    @Override
    public void lookupHold(Object object, Object tracker, Object owner, int site) {
        if (object != null && !profile.hasRegistration()) {
            ObjectState state = objects.stateOf(object);
            if (state.stage.freed()) {
                // a pooled object handed out again: a new life, not a use after free
                state.stage = Stage.ALLOCATED;
                state.releaseStack = null;
                state.releaseSite = null;
            }
        }
        addHold(object, tracker, owner, site);
    }

    @Override
    public void put(Object object, Object owner, int site) {
        removeHold(object, null, owner, site);
    }

    @Override
    public void putTracked(Object object, Object tracker, Object owner, int site) {
        removeHold(object, tracker, owner, site);
    }

    @Override
    public void trackerAlloc(Object object, Object tracker, Object owner, int site) {
        if (object != null && tracker != null) {
            objects.stateOf(object).attachTracker(System.identityHashCode(tracker), owner(object, owner),
                    Thread.currentThread().getName());
        }
    }

    /** The owner as a hold keeps it; an owner of the tracked object's own class is a tracked object too. */
    private Owner owner(Object object, Object owner) {
        if (owner == null) {
            return Owner.NONE;
        }
        Class<?> type = owner.getClass();
        ObjectState state = type == object.getClass() ? objects.stateOf(owner) : null;
        return new Owner(System.identityHashCode(owner), type.getName(), state);
    }

    private void addHold(Object object, Object tracker, Object owner, int siteId) {
        if (object == null) {
            return;
        }
        ObjectState state = objects.stateOf(object);
        Site site = sites.get(siteId);
        String thread = Thread.currentThread().getName();
        checkUseAfterFree(state, site, thread, "a reference was taken on");
        int trackerHash = tracker == null ? 0 : System.identityHashCode(tracker);
        if (tracker != null) {
            Hold previous = state.liveTracked(trackerHash);
            if (previous != null) {
                problem(ProblemType.TRACKER_REUSED, state, "a tracker that still records a live reference (taken at "
                        + previous.site.frame() + ") was used for another reference: the first record is lost",
                        site, thread, new Throwable(), previous.stack, previous.site);
            }
        }
        if (atCap) {
            holdsDropped.incrementAndGet();
            state.countDropped();
            return;
        }
        liveHolds.increment();
        checkCapSometimes();
        Hold hold = new Hold(site, owner(object, owner), thread, clock.now(), captureStack(site), epoch);
        hold.trackerHash = trackerHash;
        state.add(hold);
    }

    private void removeHold(Object object, Object tracker, Object owner, int siteId) {
        if (object == null) {
            return;
        }
        ObjectState state = objects.stateOf(object);
        Site site = sites.get(siteId);
        String thread = Thread.currentThread().getName();
        checkUseAfterFree(state, site, thread, "a reference was dropped on");
        if (tracker != null) {
            int trackerHash = System.identityHashCode(tracker);
            Hold tracked = state.releaseTracked(trackerHash, site, captureStack(site));
            if (tracked != null) {
                paired(tracked, Pairing.TRACKER);
                return;
            }
            ObjectState.Released released = state.released(trackerHash);
            if (released != null) {
                problem(ProblemType.REFERENCE_ALREADY_RELEASED, state, "reference already released: the tracker's "
                        + "reference (taken at " + released.hold().site.frame() + ") was released before at "
                        + released.putSite().frame(), site, thread, new Throwable(), released.putStack(),
                        released.putSite());
                return;
            }
        }
        ObjectState.Pairing pairing = state.pairUntracked(owner(object, owner), thread);
        if (pairing != null) {
            paired(pairing.hold(), Pairing.of(pairing.kind(), tracker != null));
            freeWhenCountReachesFloor(object, state, site);
        } else if (!state.absorbDropped()) {
            // only a put that no hold explains can take the count below what the object owns itself
            checkUnderflow(object, state, site, thread);
            problem(ProblemType.PUT_WITHOUT_HOLD, state, "a reference was dropped that no recorded hold took",
                    site, thread, new Throwable(), null, null);
        }
    }

    /**
     * For a profile without registration (Netty's), the put that takes the count down to what the object owns
     * itself frees it: from then on a hold or put is a use after free. Costs a count read per paired put.
     */
    private void freeWhenCountReachesFloor(Object object, ObjectState state, Site site) {
        if (profile.hasRegistration() || profile.countMethod() == null) {
            return;
        }
        Integer count = probe.count(object);
        if (count != null && count - 1 <= profile.countFloor() && state.liveCount() == 0) {
            state.stage = Stage.FREED;
            state.releaseSite = site;
        }
    }

    /** The pairing rules, each with its own striped counter. */
    private enum Pairing {
        TRACKER("tracker"), OWNER("owner"), THREAD("thread"), HANDOFF("handoff"),
        OWNER_UNTRACKED("owner (tracker never held)"), THREAD_UNTRACKED("thread (tracker never held)"),
        HANDOFF_UNTRACKED("handoff (tracker never held)");

        final String label;

        Pairing(String label) {
            this.label = label;
        }

        static Pairing of(String kind, boolean trackedPut) {
            return switch (kind) {
                case "owner" -> trackedPut ? OWNER_UNTRACKED : OWNER;
                case "thread" -> trackedPut ? THREAD_UNTRACKED : THREAD;
                default -> trackedPut ? HANDOFF_UNTRACKED : HANDOFF;
            };
        }
    }

    private static java.util.EnumMap<Pairing, LongAdder> newPairingCounters() {
        java.util.EnumMap<Pairing, LongAdder> counters = new java.util.EnumMap<>(Pairing.class);
        for (Pairing p : Pairing.values()) {
            counters.put(p, new LongAdder());
        }
        return counters;
    }

    private void checkCapSometimes() {
        if (java.util.concurrent.ThreadLocalRandom.current().nextInt(CAP_CHECK_EVERY) == 0) {
            atCap = liveHolds.sum() >= maxHolds;
        }
    }

    private void paired(Hold hold, Pairing kind) {
        liveHolds.decrement();
        checkCapSometimes();
        pairingCounts.get(kind).increment();
        timings.holdDuration(hold.site, clock.now() - hold.sinceNanos);
    }

    private Throwable captureStack(Site site) {
        if (stacksPerSite == 0) {
            return null;
        }
        if (site.claimStack(stacksPerSite)) {
            return new Throwable();
        }
        stacksDropped.incrementAndGet();
        return null;
    }

    private void checkUseAfterFree(ObjectState state, Site site, String thread, String what) {
        if (state.stage.freed()) {
            problem(ProblemType.USE_AFTER_FREE, state, what + " an object already freed"
                    + (state.releaseSite != null ? " (its count reached zero at " + state.releaseSite.frame() + ")" : ""),
                    site, thread, new Throwable(), state.releaseStack, state.releaseSite);
        }
    }

    private void checkUnderflow(Object object, ObjectState state, Site site, String thread) {
        if (state.stage.freed()) {
            return;
        }
        Integer count = probe.count(object);
        if (count != null && count - 1 < profile.countFloor()) {
            problem(ProblemType.REFCOUNT_UNDERFLOW, state, "this put takes the count from " + count + " to "
                    + (count - 1) + ", below the " + profile.countFloor() + " the object owns itself",
                    site, thread, new Throwable(), null, null);
        }
    }

    // ---- instance events: ownership transfer, should-be-free ----

    @Override
    public void instanceEvent(int targetId, Object self, Object[] args, int siteId) {
        Target target = profile.target(targetId);
        Object object = target.objectArgument() < 0 ? self
                : target.objectArgument() < args.length ? args[target.objectArgument()] : null;
        if (object == null || !trackedType.get(object.getClass())) {
            return;
        }
        ObjectState state = objects.find(object);
        if (state == null) {
            return; // never held: nothing to hand over or to check
        }
        if (target.role() == Role.TRANSFER) {
            Site site = sites.get(siteId);
            Owner owner = owner(object, self);
            String thread = Thread.currentThread().getName();
            state.replaceNewest(old -> {
                Hold moved = new Hold(site, owner, thread, old.sinceNanos, old.stack != null ? old.stack
                        : captureStack(site), old.epoch);
                moved.trackerHash = old.trackerHash;
                return moved;
            });
        } else if (target.role() == Role.FREE) {
            onFree(object, Thread.currentThread().getName(), clock.preciseNow());
        } else if (target.role() == Role.SHOULD_BE_FREE && state.stage.compareTo(Stage.UNREGISTERING) < 0) {
            state.stage = Stage.UNREGISTERING;
            state.event("should-be-free", clock.preciseNow(), Thread.currentThread().getName());
        }
    }

    private static boolean isSubtypeByName(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (isSubtypeByName(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- test mode ----

    @Override
    public synchronized long mark() {
        return ++epoch;
    }

    @Override
    public String heldSince(long mark) {
        StringBuilder report = new StringBuilder();
        int count = 0;
        for (ObjectState state : objects.all()) {
            for (Hold h : state.liveHolds()) {
                if (h.epoch >= mark) {
                    count++;
                    if (count <= 20) {
                        report.append("\n  ").append(displayName(state)).append(" held by ")
                                .append(h.hasOwner() ? Snapshots.ownerName(this, h) : "a static context")
                                .append(", taken at ").append(h.site.frame()).append(" on thread ").append(h.thread);
                    }
                }
            }
        }
        if (count == 0) {
            return null;
        }
        return count + " reference" + (count == 1 ? " is" : "s are") + " still held" + report
                + (count > 20 ? "\n  ... and " + (count - 20) + " more" : "");
    }

    // ---- lifecycle ----

    @Override
    public void lifecycle(int targetId, Object[] args, Object result, boolean exit) {
        Target target = profile.target(targetId);
        String thread = Thread.currentThread().getName();
        long now = clock.preciseNow();
        switch (target.role()) {
            case ALLOC -> {
                if (result != null) {
                    objects.stateOf(result).event("alloc", now, thread);
                }
            }
            case REGISTER -> {
                ObjectState state = objects.stateOf(args[0]);
                boolean ok = result instanceof Integer code && code == 0;
                state.name = probe.name(args[0]);
                state.event(ok ? "register" : "register-failed", now, thread);
                if (ok && state.stage == Stage.ALLOCATED) {
                    state.stage = Stage.REGISTERED;
                }
            }
            case UNREGISTER -> {
                if (result instanceof List<?> list) {
                    for (Object object : list) {
                        ObjectState state = objects.stateOf(object);
                        state.name = probe.name(object);
                        state.stage = Stage.UNREGISTERING;
                        state.unregisterAtNanos = now;
                        state.event("unregister", now, thread);
                    }
                }
            }
            case FREE -> onFree(args[0], thread, now);
            case RELEASE -> {
                ObjectState state = objects.stateOf(args[0]);
                if (state.releaseStack == null) {
                    state.releaseStack = new Throwable();
                }
                state.stage = Stage.RELEASED;
                state.event("release", now, thread);
                if (state.unregisterAtNanos >= 0) {
                    timings.unregisterToFree(profile.kind(), now - state.unregisterAtNanos);
                }
            }
            case WAIT -> onWait(args, result, exit, thread, now);
            case WAIT_WARNING -> {
                ObjectState state = objects.stateOf(args[1]);
                ObjectState.WaitRecord wait = state.wait;
                if (wait != null) {
                    wait.warnings++;
                }
                state.event("wait-warning", now, thread);
                if (wait != null && !wait.lingerReported) {
                    wait.lingerReported = true;
                    recordLingering(state, thread, now);
                }
                waitListener.waitWarning(state.id);
            }
            default -> { }
        }
    }

    private void onFree(Object object, String thread, long now) {
        ObjectState state = objects.stateOf(object);
        String regState = probe.state(object);
        if (state.stage.freed() || (regState != null && profile.releasedStates().contains(regState))) {
            problem(ProblemType.DOUBLE_FREE, state, "freed again; it was freed before", null, thread,
                    new Throwable(), state.releaseStack, null);
        } else if ((regState != null && profile.registeredStates().contains(regState))) {
            problem(ProblemType.FREE_WHILE_REGISTERED, state, "freed while still registered (" + regState + ")",
                    null, thread, new Throwable(), null, null);
        } else if (!(regState != null && profile.deferredFreeStates().contains(regState))) {
            state.stage = Stage.FREED; // from here any use is a use after free, whether or not memory is gone yet
            state.releaseStack = new Throwable();
        }
        state.event("free", now, thread);
    }

    /**
     * The waits that have lasted {@code thresholdNanos} or more without their holders being recorded: records
     * them now and returns their objects' ids. For the {@code lingerAfter} option's watchdog.
     */
    public List<Long> takeOverdueWaits(long thresholdNanos) {
        long now = clock.preciseNow();
        List<Long> overdue = new java.util.ArrayList<>();
        for (ObjectState state : objects.all()) {
            ObjectState.WaitRecord wait = state.wait;
            if (state.stage == Stage.WAITING && wait != null && !wait.lingerReported
                    && now - wait.startNanos >= thresholdNanos) {
                wait.lingerReported = true;
                recordLingering(state, "reftrace-linger-watch", now);
                overdue.add(state.id);
            }
        }
        return overdue;
    }

    /** At a wait's first warning: the holders are recorded as a problem, even if they let go later. */
    private void recordLingering(ObjectState state, String thread, long now) {
        List<Hold> holds = state.liveHolds();
        if (holds.isEmpty()) {
            return;
        }
        Hold oldest = holds.get(0);
        String owner = !oldest.hasOwner() ? "a static context" : Snapshots.ownerName(this, oldest);
        problem(ProblemType.LINGERING_HOLDERS, state, holds.size() + " reference" + (holds.size() == 1 ? "" : "s")
                + " still held while the wait warns; the oldest taken at " + oldest.site.frame() + " by " + owner
                + " on thread " + oldest.thread, oldest.site, oldest.thread,
                oldest.stack, null, null);
    }

    private void onWait(Object[] args, Object result, boolean exit, String thread, long now) {
        if (!(args[1] instanceof List<?> list)) {
            return;
        }
        if (!exit) {
            for (Object object : list) {
                ObjectState state = objects.stateOf(object);
                if (state.stage != Stage.WAITING) {
                    state.stage = Stage.WAITING;
                    state.wait = new ObjectState.WaitRecord(now);
                    state.event("wait-start", now, thread);
                }
            }
            return;
        }
        for (Object object : list) {
            ObjectState state = objects.stateOf(object);
            ObjectState.WaitRecord wait = state.wait;
            if (result == object) {
                state.stage = Stage.DESTROYED;
                endWait(state, wait, "completed", now);
                state.event("wait-end", now, thread);
            } else if (result == null) {
                state.stage = Stage.HUNG;
                endWait(state, wait, "gave-up", now);
                state.event("wait-gave-up", now, thread);
            }
        }
    }

    private void endWait(ObjectState state, ObjectState.WaitRecord wait, String outcome, long now) {
        if (wait != null && wait.endNanos < 0) {
            wait.endNanos = now;
            wait.outcome = outcome;
            timings.waitDuration(state.name != null ? state.name : "#" + state.id, now - wait.startNanos);
        }
    }

    private void problem(ProblemType type, ObjectState state, String message, Site site, String thread,
            Throwable stack, Throwable otherStack, Site otherSite) {
        String name = displayName(state);
        problems.add(new ProblemRecord(type, state.id, name, message, site, thread, clock.preciseNow(),
                stack, otherStack, otherSite));
        problemListener.problem(type.label(), profile.kind(), name, site == null ? null : site.frame(), message);
    }

    /** Outstanding holds per call site ({@code StackTraceElement} string), now; for periodic reports. */
    public Map<String, Long> outstandingBySite() {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (ObjectState state : objects.all()) {
            for (Hold hold : state.liveHolds()) {
                counts.merge(hold.site.frame(), 1L, Long::sum);
            }
        }
        return counts;
    }

    // ---- reading, for snapshots ----

    /** The object's name: its profile name, or its class and identity hash. */
    String displayName(ObjectState state) {
        Object object = state.ref.get();
        if (object != null && !state.stage.freed()) {
            String name = probe.name(object);
            if (name != null) {
                state.name = name;
            }
        }
        if (state.name != null) {
            return state.name;
        }
        String simple = state.className.substring(state.className.lastIndexOf('.') + 1);
        return simple + "@" + Integer.toHexString(state.identityHash);
    }

    public Profile profile() {
        return profile;
    }

    public SiteTable sites() {
        return sites;
    }

    public AgentClock clock() {
        return clock;
    }

    ObjectTable objects() {
        return objects;
    }

    ObjectProbe probe() {
        return probe;
    }

    ProblemLog problems() {
        return problems;
    }

    Timings timings() {
        return timings;
    }

    Map<String, Long> pairingCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        pairingCounts.forEach((k, v) -> {
            if (v.sum() > 0) {
                counts.put(k.label, v.sum());
            }
        });
        return counts;
    }

    long holdsDropped() {
        return holdsDropped.get();
    }

    long stacksDropped() {
        return stacksDropped.get();
    }

    int stacksPerSite() {
        return stacksPerSite;
    }
}
