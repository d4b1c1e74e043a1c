package org.reftrace.agent.record;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.reftrace.agent.bootstrap.Hooks;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.profile.Target;
import org.reftrace.dump.Drop;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Health;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Origin;
import org.reftrace.dump.Problem;
import org.reftrace.dump.ProblemGroup;
import org.reftrace.dump.ProblemType;
import org.reftrace.dump.ProfileHealth;
import org.reftrace.dump.SiteStats;
import org.reftrace.dump.Summary;
import org.reftrace.dump.TrackedObject;
import org.reftrace.dump.Wait;

/**
 * Makes the immutable picture of a recorder at one instant: the {@link Dump} that the dump file, the console
 * report, test mode and the HTML page are all made from. It never runs host code on the asking thread: names are
 * the ones read earlier on the program's own threads, counts are read within a deadline ({@link BoundedReads}).
 * Stacks are resolved to frames here, once, and shared through the dump's stack table.
 *
 * <p>Not thread-safe itself; it reads the recorder, which is.
 */
public final class Snapshots {
    /** How long a report waits for counts and states to be read. */
    static final long READ_DEADLINE_NANOS = 500_000_000L;

    private final Tables t;
    private final SnapshotContext context;
    private final HoldFilter filter;
    private final StackTable stacks = new StackTable();
    private final Map<String, ProblemGroupBuilder> derivedGroups = new LinkedHashMap<>();
    private final List<Problem> derived = new ArrayList<>();
    /** The tracked objects holding references to others, for this snapshot. */
    private Set<ObjectState> owners = Set.of();
    private int nextGroupId;

    private Snapshots(Tables t, SnapshotContext context, HoldFilter filter) {
        this.t = t;
        this.context = context;
        this.filter = filter;
    }

    /** The whole picture. */
    public static Dump take(Recorder recorder, SnapshotContext context) {
        return new Snapshots(recorder.tables(), context, HoldFilter.ALL).build();
    }

    /** Test mode: the picture of one check period (its holds and problems only). */
    public static Dump since(Recorder recorder, long mark, SnapshotContext context) {
        return new Snapshots(recorder.tables(), context, recorder.filterFor(mark)).build();
    }

    /** A problem group being assembled from snapshot-time problems. */
    private static final class ProblemGroupBuilder {
        final int id;
        final Problem first;
        long count;
        int listed;

        ProblemGroupBuilder(int id, Problem first) {
            this.id = id;
            this.first = first;
        }
    }

    private Dump build() {
        long now = t.clock.preciseNow();
        List<ProblemLog.Group> logged = t.problems.groups();
        nextGroupId = logged.size();
        List<ObjectState> live = new ArrayList<>(t.objects.all());
        owners = ownersOfHolds(live);
        // an object forgotten once nobody held it, which still holds others, is a link of their chains
        Set<ObjectState> known = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        known.addAll(live);
        owners.stream().filter(o -> !known.contains(o))
                .sorted(java.util.Comparator.comparingLong(o -> o.id)).forEach(live::add);
        Map<ObjectState, BoundedReads.Read> reads = t.reads.read(live, READ_DEADLINE_NANOS);
        List<TrackedObject> objects = new ArrayList<>();
        List<Wait> waits = new ArrayList<>();
        long notListed = 0;
        int lingering = 0;
        int holders = 0;
        int unattributed = 0;
        List<ObjectState> all = new ArrayList<>(live);
        all.addAll(t.collected.listed());
        for (ObjectState state : all) {
            List<Hold> holds = state.liveHolds().stream().filter(filter.holds()).toList();
            if (!listed(state, holds) && !abandonedAtZero(state, holds, reads.get(state))) {
                notListed++;
                continue;
            }
            BoundedReads.Read read = reads.get(state);
            TrackedObject object = object(state, holds, read, now);
            objects.add(object);
            holders += object.holders().size();
            unattributed += object.unattributed();
            if (object.shouldBeFree()) {
                lingering += object.holders().size();
            }
            ObjectState.WaitRecord wait = state.wait;
            if (wait != null && filter.all()) {
                long end = wait.endNanos >= 0 ? wait.endNanos : now;
                waits.add(new Wait(state.id, object.name(), wait.startNanos, end - wait.startNanos, wait.outcome,
                        wait.warnings, state.profile.kind()));
            }
            derive(state, object, holds, read, now);
        }
        if (filter.all()) {
            t.collected.notListed().forEach((key, count) -> derivedGroup(key.held()
                    ? ProblemType.LEAK_FOUND_BY_GC : ProblemType.NEVER_FREED, key.kind(), key.site(), count));
        }
        List<Problem> problems = new ArrayList<>();
        List<ProblemGroup> groups = new ArrayList<>();
        for (ProblemLog.Group g : logged) {
            int listedHere = 0;
            for (ProblemRecord p : g.examples) {
                if (filter.problems().test(p)) {
                    problems.add(problem(p, g.id));
                    listedHere++;
                }
            }
            if (filter.all() || listedHere > 0) {
                groups.add(new ProblemGroup(g.id, g.key.type().label(), g.key.kind(), g.key.site(),
                        filter.all() ? g.count : listedHere, listedHere));
            }
        }
        problems.addAll(derived);
        derivedGroups.values().forEach(g -> groups.add(new ProblemGroup(g.id, g.first.type(), g.first.kind(),
                g.first.site(), g.count, g.listed)));
        problems.sort(java.util.Comparator.comparingLong(Problem::atNanos));
        Map<String, Integer> byType = new TreeMap<>();
        long totalProblems = 0;
        for (ProblemGroup g : groups) {
            byType.merge(g.type(), (int) Math.min(Integer.MAX_VALUE, g.count()), Integer::sum);
            totalProblems += g.count();
        }
        if (filter.all()) {
            totalProblems += t.problems.ungrouped();
        }
        Summary summary = new Summary(objects.size(), lingering, holders, unattributed,
                (int) Math.min(Integer.MAX_VALUE, totalProblems), byType, notListed);
        return new Dump(Dump.VERSION, meta(now), health(), summary, objects, problems, waits, pairings(),
                t.timings.summaries(), stacks.table(), groups, sites());
    }

    /** The tracked objects that hold references to others: the links chains are made of. */
    private static Set<ObjectState> ownersOfHolds(List<ObjectState> all) {
        Set<ObjectState> owners = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ObjectState state : all) {
            for (Hold h : state.liveHolds()) {
                if (h.ownerState() != null) {
                    owners.add(h.ownerState());
                }
            }
        }
        return owners;
    }

    /**
     * An object nobody holds any more, whose count has fallen to what it owns itself, never freed, while it still
     * holds others: its last put could not free it ({@code __in_dev_put()}, a {@code refcount_dec()} where a
     * {@code refcount_dec_and_test()} belonged), so what it holds is never let go.
     */
    private boolean abandonedAtZero(ObjectState state, List<Hold> holds, BoundedReads.Read read) {
        Integer count = read == null ? null : read.count();
        // collected, its count cannot be read: with nothing held and never freed, it was dropped as it was
        return holds.isEmpty() && owners.contains(state) && !state.stage.freed() && state.lastPut != null
                && (count != null ? count <= owned(state, read) : state.collected())
                && !state.profile.profile().hasRegistration() && filter.all();
    }

    /** Whether an object is worth listing: it has holders, a problem, a wait, or a life its profile follows. */
    private boolean listed(ObjectState state, List<Hold> holds) {
        if (!filter.all()) {
            return !holds.isEmpty();
        }
        return !holds.isEmpty() || state.reported || state.wait != null || state.collected()
                || state.profile.profile().hasLifecycle() && state.hasEvents();
    }

    private TrackedObject object(ObjectState state, List<Hold> holds, BoundedReads.Read read, long now) {
        Integer count = read == null ? null : read.count();
        int unattributed = 0;
        if (count != null) {
            unattributed = Math.max(0, count - owned(state, read) - refs(holds));
        }
        List<LifecycleEvent> lifecycle = state.events().stream()
                .map(e -> new LifecycleEvent(e.name(), e.atNanos(), e.thread(), e.value())).toList();
        String api = state.profile.profile().implementation();
        List<Holder> holders = holds.stream().map(h -> holder(h, now, api)).toList();
        String stage = state.collected() && state.stage != Stage.RELEASED ? "collected" : state.stage.label();
        return new TrackedObject(state.id, state.profile.kind(), state.displayName(), stage, count, unattributed,
                shouldBeFree(state, holds), lifecycle, holders, state.profile.profile().name(), state.namespace,
                state.className);
    }

    /** References an object owns itself: its floor, and one more while registered. */
    private static int owned(ObjectState state, BoundedReads.Read read) {
        Profile p = state.profile.profile();
        String regState = read == null ? null : read.state();
        return p.countFloor() + (regState != null && p.registeredStates().contains(regState) ? 1 : 0);
    }

    private static int refs(List<Hold> holds) {
        int refs = 0;
        for (Hold h : holds) {
            refs += h.refs;
        }
        return refs;
    }

    /**
     * Whether every holder should have let go by now. With a lifecycle: once the object is past its unregister,
     * and at exit one never registered. Without one: whenever a dump is taken, or only at exit (the profile
     * says), unless every holder is a tracked object that is itself alive and in use (an allocation owned by a
     * registered device is that device's, not a leak).
     */
    private boolean shouldBeFree(ObjectState state, List<Hold> holds) {
        Profile p = state.profile.profile();
        if (state.stage.pastUnregister()) {
            return true;
        }
        if (p.hasLifecycle()) {
            return context.atExit() && state.stage == Stage.ALLOCATED && p.hasRegistration();
        }
        if (p.lingering() == Profile.Lingering.NEVER
                || p.lingering() == Profile.Lingering.AT_EXIT && !context.atExit()) {
            return false;
        }
        return holds.isEmpty() || !ownedOrStatic(holds);
    }

    /**
     * Whether every holder is a tracked object that is itself held: the object is a link of a chain (a buffer a
     * leaked slice pins), reported through the holders at the chain's top, not as a leak of its own.
     */
    private static boolean pinnedByHeldObjects(List<Hold> holds) {
        return holds.stream().allMatch(h -> h.ownerState() != null && h.ownerState().liveCount() > 0);
    }

    /** A static constant's references, or those owned by a tracked object whose own fate is reported, are no leak. */
    private static boolean ownedOrStatic(List<Hold> holds) {
        return holds.stream().allMatch(h -> ownedByLiveObject(h) || h.site.staticInitializer);
    }

    /**
     * The holder is a tracked object with a lifecycle whose memory was never released (alive, or collected without
     * ever being freed): what it owns is its own to free. A device never freed is reported as such; the
     * allocations it owns are not leaks of their own.
     */
    private static boolean ownedByLiveObject(Hold h) {
        ObjectState owner = h.ownerState();
        return owner != null && owner.stage != Stage.RELEASED && owner.profile.profile().hasLifecycle();
    }

    private Holder holder(Hold hold, long now, String api) {
        Throwable stack = hold.stack();
        boolean representative = false;
        if (stack == null) {
            stack = hold.site.representative(hold.ownerClass);
            representative = stack != null;
        }
        return new Holder(hold.site.frame(), ownerName(hold), hold.ownerClass, hold.thread, hold.sinceNanos,
                Math.max(0, now - hold.sinceNanos), hold.tracked() ? "tracker" : "owner", stacks.id(stack, api),
                hold.ownerState() == null ? null : hold.ownerState().id, hold.afterUnregister, representative);
    }

    /** {@code dummy0.1.2 (NetDevice)} for a tracked owner, {@code TunnelRouteCache@1b6d3586} otherwise. */
    static String ownerName(Hold hold) {
        if (!hold.hasOwner()) {
            return null;
        }
        String simple = simpleName(hold.ownerClass);
        if (hold.ownerState() != null) {
            return hold.ownerState().displayName() + " (" + simple + ")";
        }
        return simple + "@" + Integer.toHexString(hold.ownerHash);
    }

    // ---- problems only a picture shows ----

    private void derive(ObjectState state, TrackedObject object, List<Hold> holds, BoundedReads.Read read, long now) {
        Integer count = read == null ? null : read.count();
        if (count != null && count < owned(state, read) && filter.all()) {
            derivedProblem(ProblemType.REFCOUNT_UNDERFLOW, state, object, "its count is " + count + ", below the "
                    + owned(state, read) + " it owns itself: something dropped references it never took", null,
                    List.of(), now);
        }
        if (abandonedAtZero(state, holds, read)) {
            String put = state.lastPut.frame();
            derivedProblem(ProblemType.DECREMENT_HIT_ZERO, state, object, "its count fell to "
                    + (count == null ? "nothing" : count) + " at " + put
                    + ", a put that does not free it, so it is never freed and never lets go of what it holds",
                    put, null, null, List.of(), now);
        }
        // collected while held: a leak, unless its holders own it legitimately, or it is an object with a life of its
        // own that was still in use (a registered device collected with the rest of a kernel nobody references)
        boolean inUse = state.profile.profile().hasLifecycle() && state.stage == Stage.REGISTERED;
        if (state.collected() && !holds.isEmpty() && !ownedOrStatic(holds) && !inUse && !pinnedByHeldObjects(holds)) {
            Holder oldest = object.holders().get(0);
            derivedProblem(ProblemType.LEAK_FOUND_BY_GC, state, object, "collected by GC while " + holds.size()
                    + " reference(s) were still held; the oldest taken at " + oldest.site()
                    + (oldest.owner() != null ? " by " + oldest.owner() : ""), oldest, origins(holds), now);
        }
        if (!context.atExit()) {
            return;
        }
        Profile p = state.profile.profile();
        boolean freed = state.stage == Stage.RELEASED;
        boolean registeredAlive = state.stage == Stage.REGISTERED && p.hasRegistration();
        if (p.hasRegistration() && !freed && !registeredAlive && filter.all()) {
            String why = state.stage == Stage.FREED ? "freed, but its memory was never released"
                    : state.collected() ? "never freed: garbage-collected without ever being freed"
                    : "never freed: still " + object.state() + " at exit";
            ObjectState.Place allocated = state.allocated;
            derivedProblem(ProblemType.NEVER_FREED, state, object, allocated == null ? why
                    : why + " (allocated at " + allocated.site().frame() + ")",
                    allocated == null ? null : allocated.site().frame(), allocated == null ? null : allocated.thread(),
                    null, List.of(), now);
        }
        if (object.shouldBeFree() && !holds.isEmpty() && !state.collected() && !pinnedByHeldObjects(holds)) {
            Holder oldest = object.holders().get(0);
            derivedProblem(ProblemType.HELD_AT_EXIT, state, object, holds.size() + " reference(s) still held at exit;"
                    + " the oldest taken at " + oldest.site() + (oldest.owner() != null ? " by " + oldest.owner() : ""),
                    oldest, origins(holds), now);
        }
    }

    private List<Origin> origins(List<Hold> holds) {
        List<Origin> out = new ArrayList<>();
        for (Hold h : holds) {
            if (out.size() == Problems.MAX_ORIGINS) {
                break;
            }
            Throwable stack = h.stack() != null ? h.stack() : h.site.representative(h.ownerClass);
            out.add(new Origin(Origin.Role.TAKEN, h.site.frame(), h.thread, h.sinceNanos, stacks.id(stack)));
        }
        return out;
    }

    private void derivedProblem(ProblemType type, ObjectState state, TrackedObject object, String message,
            Holder at, List<Origin> origins, long now) {
        List<String> stack = at == null ? List.of() : at.stack() != null ? stacks.frames(at.stack()) : List.of(at.site());
        derivedProblem(type, state, object, message, at == null ? null : at.site(), at == null ? null : at.thread(),
                stack, origins, now);
    }

    private void derivedProblem(ProblemType type, ObjectState state, TrackedObject object, String message,
            String site, String thread, List<String> stack, List<Origin> origins, long now) {
        ProblemGroupBuilder g = derivedGroup(type, state.profile.kind(), site, 1);
        g.listed++;
        derived.add(new Problem(type.label(), state.id, object.name(), message, site, thread, now,
                stack == null ? (site == null ? List.of() : List.of(site)) : stack, List.of(), state.profile.kind(),
                g.id, origins));
    }

    private ProblemGroupBuilder derivedGroup(ProblemType type, String kind, String site, long count) {
        ProblemGroupBuilder g = derivedGroups.computeIfAbsent(type.label() + "\u0000" + kind + "\u0000" + site,
                k -> new ProblemGroupBuilder(nextGroupId++, new Problem(type.label(), 0, null, null, site, null, 0,
                        List.of(), List.of(), kind, -1, List.of())));
        g.count += count;
        return g;
    }

    private Problem problem(ProblemRecord p, int groupId) {
        List<String> stack = StackTable.frames(p.stack());
        List<Origin> origins = new ArrayList<>();
        List<String> other = List.of();
        for (ProblemRecord.OriginRecord o : p.origins()) {
            origins.add(new Origin(o.role(), o.site() == null ? null : o.site().frame(), o.thread(), o.atNanos(),
                    stacks.id(o.stack())));
            if (other.isEmpty()) {
                other = o.stack() != null ? StackTable.frames(o.stack())
                        : o.site() != null ? List.of(o.site().frame()) : List.of();
            }
        }
        return new Problem(p.type().label(), p.objectId(), p.object(), p.message(),
                p.site() == null ? blamed(stack, p.kind()) : p.site().frame(), p.thread(), p.atNanos(), stack, other,
                p.kind(), groupId, origins);
    }

    /** The first frame outside the tracked library (its {@code implementation} package): who called it. */
    private String blamed(List<String> stack, String kind) {
        String api = t.runtimes.stream().filter(r -> r.kind().equals(kind)).map(r -> r.profile().implementation())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return stack.stream().filter(f -> api == null || !f.startsWith(api)).findFirst()
                .orElse(stack.isEmpty() ? null : stack.get(0));
    }

    // ---- the rest of the picture ----

    private Meta meta(long now) {
        Runtime.Version version = Runtime.version();
        String command = System.getProperty("sun.java.command", "");
        String main = command.isBlank() ? null : command.split(" ", 2)[0];
        return new Meta(Instant.now().toString(), ProcessHandle.current().pid(),
                System.getProperty("java.vm.name") + " " + version, t.profiles.names(), context.trigger(),
                context.options(), now, t.profiles.profiles().stream().map(Profile::name).toList(), host(), main,
                holdTiming());
    }

    /** How hold durations were measured, as the report states it. */
    private String holdTiming() {
        return "coarse clock, " + AgentClock.RESOLUTION_NANOS / 1_000_000 + " ms resolution; holds shorter than that "
                + "drawn from " + t.timings.samples() + " precise samples (System.nanoTime, about one hold per "
                + "millisecond)";
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception | Error e) {
            return null;
        }
    }

    private Health health() {
        List<Drop> drops = new ArrayList<>();
        List<Drop> budgets = new ArrayList<>();
        addDrop(drops, "holds not recorded (the cap was reached)", t.holdsDropped.get(), "maxHolds=" + t.config.maxHolds());
        addDrop(drops, "objects not tracked (the cap was reached)", t.objects.dropped(),
                "maxObjects=" + t.config.maxObjects());
        addDrop(drops, "problems not counted in any group (too many groups)", t.problems.ungrouped(), null);
        addDrop(budgets, "holds without a stack of their own (beyond the first at each site and owner class)",
                t.stacks.notCaptured(), "stacks=" + (t.stacks.perSite() < 0 ? "all" : t.stacks.perSite()));
        addDrop(budgets, "problems counted but not listed as examples", t.problems.notKept(),
                "maxProblems=" + t.config.maxProblems());
        addDrop(budgets, "objects collected while held, counted by site but not listed", t.collected.notListedCount(),
                "maxCollected=" + t.config.maxCollected());
        List<ProfileHealth> profiles = new ArrayList<>();
        for (ProfileRuntime rt : t.runtimes) {
            Profile p = rt.profile();
            int advised = (int) p.targets().stream().filter(tg -> context.advisedTargets().contains(tg.id())).count();
            List<String> missing = new ArrayList<>();
            for (String line : context.missingTargets()) {
                if (line.contains(p.source() + ":") || line.contains(p.source() + ": ")) {
                    missing.add(line);
                }
            }
            for (String notLoaded : context.notLoaded().getOrDefault(p.name(), List.of())) {
                missing.add("class " + notLoaded + " was never loaded: nothing of it is instrumented");
            }
            profiles.add(new ProfileHealth(p.name(), p.source(), p.targets().size(), advised, missing,
                    t.counts.events(rt.index())));
        }
        long problemsDropped = t.problems.ungrouped();
        return new Health(Hooks.failures(), t.holdsDropped.get(), problemsDropped, t.stacks.notCaptured(),
                context.failedToInstrument(), context.limits(), context.attachedLate(), context.instrumentedClasses(),
                t.sites.size(), context.stackMode(), context.missingTargets(), profiles, drops, budgets,
                t.reads.unreadable());
    }

    private static void addDrop(List<Drop> into, String what, long count, String option) {
        if (count > 0) {
            into.add(new Drop(what, count, option));
        }
    }

    private Map<String, Long> pairings() {
        Map<String, Long> counts = new TreeMap<>();
        for (PairingRule rule : PairingRule.values()) {
            long n = t.counts.pairings(rule);
            if (n > 0) {
                counts.put(rule.label(), n);
            }
        }
        return counts;
    }

    private List<SiteStats> sites() {
        return sites(t);
    }

    /** What each call site took and put back so far. */
    static List<SiteStats> sites(Tables t) {
        List<SiteStats> out = new ArrayList<>();
        for (int id = 0; id < t.sites.size(); id++) {
            Site s = t.sites.get(id);
            long taken = t.counts.taken(s);
            long released = t.counts.released(s);
            if (taken == 0 && released == 0) {
                continue;
            }
            Target target = s.targetId() >= 0 && s.targetId() < t.targets.size() ? t.target(s.targetId()) : null;
            out.add(new SiteStats(s.frame(), target == null ? null : t.profiles.profileOf(target).name(),
                    target == null ? null : target.role().key(), taken, released));
        }
        return out;
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
