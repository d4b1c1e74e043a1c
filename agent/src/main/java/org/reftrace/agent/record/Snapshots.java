package org.reftrace.agent.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.reftrace.agent.bootstrap.Hooks;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Health;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Problem;
import org.reftrace.dump.ProblemType;
import org.reftrace.dump.Summary;
import org.reftrace.dump.TrackedObject;
import org.reftrace.dump.Wait;

/**
 * Makes the immutable picture of a recorder at one instant: the {@link Dump} that the dump file, the console
 * report and the HTML page are all made from. Stacks are resolved to frames here, once, and shared through
 * the dump's stack table.
 *
 * <p>Not thread-safe itself; it reads the recorder, which is.
 */
public final class Snapshots {
    /** Frames kept per stack. */
    static final int MAX_FRAMES = 32;
    private static final String AGENT_PACKAGE = "org.reftrace.agent.";

    private final Recorder recorder;
    private final Map<List<String>, String> stackIds = new HashMap<>();
    private final Map<String, List<String>> stacks = new LinkedHashMap<>();
    private final List<Problem> derived = new ArrayList<>();

    private Snapshots(Recorder recorder) {
        this.recorder = recorder;
    }

    /** The whole picture. */
    public static Dump take(Recorder recorder, SnapshotContext context) {
        return new Snapshots(recorder).build(context);
    }

    private Dump build(SnapshotContext context) {
        long now = recorder.clock().preciseNow();
        List<TrackedObject> objects = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Wait> waits = new ArrayList<>();
        int lingering = 0;
        int holders = 0;
        int unattributedTotal = 0;
        for (ObjectState state : recorder.objects().all()) {
            TrackedObject object = object(state, now, context.atExit());
            objects.add(object);
            holders += object.holders().size();
            unattributedTotal += object.unattributed();
            if (object.shouldBeFree()) {
                lingering += object.holders().size();
            }
            ObjectState.WaitRecord wait = state.wait;
            if (wait != null) {
                long end = wait.endNanos >= 0 ? wait.endNanos : now;
                waits.add(new Wait(state.id, object.name(), wait.startNanos, end - wait.startNanos, wait.outcome,
                        wait.warnings));
            }
            if (context.atExit()) {
                problems.addAll(exitProblems(state, object));
            }
            if (state.collected() && !object.holders().isEmpty()) {
                problems.add(collectedWhileHeld(state, object));
            }
        }
        for (ProblemRecord p : recorder.problems().all()) {
            problems.add(problem(p));
        }
        problems.addAll(derived);
        problems.sort(java.util.Comparator.comparingLong(Problem::atNanos));
        Map<String, Integer> byType = new TreeMap<>();
        problems.forEach(p -> byType.merge(p.type(), 1, Integer::sum));
        Runtime.Version version = Runtime.version();
        Meta meta = new Meta(Instant.now().toString(), ProcessHandle.current().pid(),
                System.getProperty("java.vm.name") + " " + version, recorder.profile().name(), context.trigger(),
                context.options(), now);
        Health health = new Health(Hooks.failures(), recorder.holdsDropped(), recorder.problems().dropped(),
                recorder.stacksDropped(), context.failedToInstrument(), context.limits(), context.attachedLate(),
                context.instrumentedClasses(), recorder.sites().size(), context.stackMode());
        Summary summary = new Summary(objects.size(), lingering, holders, unattributedTotal, problems.size(), byType);
        return new Dump(Dump.VERSION, meta, health, summary, objects, problems, waits, recorder.pairingCounts(),
                recorder.timings().summaries(), stacks);
    }

    private TrackedObject object(ObjectState state, long now, boolean atExit) {
        Object live = state.ref.get();
        String name = recorder.displayName(state);
        Integer count = live != null && !state.stage.freed() ? recorder.probe().count(live) : null;
        List<Hold> holds = state.liveHolds();
        int unattributed = 0;
        if (count != null) {
            String regState = recorder.probe().state(live);
            int owned = recorder.profile().countFloor()
                    + ((regState != null && recorder.profile().registeredStates().contains(regState)) ? 1 : 0);
            unattributed = Math.max(0, count - owned - holds.size());
            if (count < owned) {
                derived.add(new Problem(ProblemType.REFCOUNT_UNDERFLOW.label(), state.id, name, "its count is " + count
                        + ", below the " + owned + " it owns itself: something dropped references it never took",
                        null, null, now, List.of(), List.of()));
            }
        }
        // Without an unregister step (Netty's buffers, file profiles), whatever is still held when a dump is taken
        // should have been let go; with one, only what is past it, and at exit what was never registered.
        boolean shouldBeFree = state.stage.pastUnregister() || !recorder.profile().hasRegistration()
                || atExit && state.stage == Stage.ALLOCATED;
        List<LifecycleEvent> lifecycle = state.events().stream()
                .map(e -> new LifecycleEvent(e.name(), e.atNanos(), e.thread())).toList();
        List<Holder> holders = holds.stream().map(h -> holder(h, now)).toList();
        String stage = state.collected() && state.stage != Stage.RELEASED ? "collected" : state.stage.label();
        return new TrackedObject(state.id, recorder.profile().kind(), name, stage, count, unattributed, shouldBeFree,
                lifecycle, holders);
    }

    private Holder holder(Hold hold, long now) {
        return new Holder(hold.site.frame(), ownerName(recorder, hold), hold.ownerClass, hold.thread,
                hold.sinceNanos, Math.max(0, now - hold.sinceNanos), hold.tracked() ? "tracker" : "owner",
                stackId(hold.stack));
    }

    /** {@code dummy0.1.2 (NetDevice)} for a tracked-kind owner, {@code TunnelRouteCache@1b6d3586} otherwise. */
    static String ownerName(Recorder recorder, Hold hold) {
        if (!hold.hasOwner()) {
            return null;
        }
        String simple = simpleName(hold.ownerClass);
        if (hold.ownerState != null) {
            return recorder.displayName(hold.ownerState) + " (" + simple + ")";
        }
        return simple + "@" + Integer.toHexString(hold.ownerHash);
    }

    /** The object became unreachable while still held: a leak, found the way Netty finds them, by GC. */
    private Problem collectedWhileHeld(ObjectState state, TrackedObject object) {
        Holder oldest = object.holders().get(0);
        return new Problem(ProblemType.LEAK_FOUND_BY_GC.label(), state.id, object.name(),
                "collected by GC while " + object.holders().size() + " reference(s) were still held; the oldest taken "
                        + "at " + oldest.site() + (oldest.owner() != null ? " by " + oldest.owner() : ""),
                oldest.site(), oldest.thread(), recorder.clock().preciseNow(),
                oldest.stack() != null ? stacks.get(oldest.stack()) : List.of(oldest.site()), List.of());
    }

    private List<Problem> exitProblems(ObjectState state, TrackedObject object) {
        List<Problem> out = new ArrayList<>();
        boolean freed = state.stage == Stage.RELEASED;
        boolean registeredAlive = state.stage == Stage.REGISTERED && recorder.profile().hasRegistration();
        if (recorder.profile().hasRegistration() && !freed && !registeredAlive) {
            String why = state.stage == Stage.FREED ? "freed, but its memory was never released"
                    : state.collected() ? "never freed: garbage-collected without ever being freed"
                    : "never freed: still " + object.state() + " at exit";
            out.add(new Problem(ProblemType.NEVER_FREED.label(), state.id, object.name(), why, null, null,
                    recorder.clock().preciseNow(), List.of(), List.of()));
        }
        if (object.shouldBeFree() && !object.holders().isEmpty() && !state.collected()) {
            Holder oldest = object.holders().get(0);
            out.add(new Problem(ProblemType.HELD_AT_EXIT.label(), state.id, object.name(),
                    object.holders().size() + " reference(s) still held at exit; the oldest taken at " + oldest.site()
                            + (oldest.owner() != null ? " by " + oldest.owner() : ""),
                    oldest.site(), oldest.thread(), recorder.clock().preciseNow(),
                    oldest.stack() != null ? stacks.get(oldest.stack()) : List.of(oldest.site()), List.of()));
        }
        return out;
    }

    private Problem problem(ProblemRecord p) {
        List<String> stack = frames(p.stack());
        List<String> other = p.otherStack() != null ? frames(p.otherStack())
                : p.otherSite() != null ? List.of(p.otherSite().frame()) : List.of();
        return new Problem(p.type().label(), p.objectId(), p.object(), p.message(),
                p.site() == null ? blamed(stack) : p.site().frame(), p.thread(), p.atNanos(), stack, other);
    }

    private String stackId(Throwable stack) {
        if (stack == null) {
            return null;
        }
        List<String> frames = frames(stack);
        return stackIds.computeIfAbsent(frames, f -> {
            String id = "s" + (stacks.size() + 1);
            stacks.put(id, f);
            return id;
        });
    }

    /** The first frame outside the tracked API: who called it. */
    private String blamed(List<String> stack) {
        String api = recorder.profile().apiPackage();
        return stack.stream().filter(f -> api == null || !f.startsWith(api)).findFirst()
                .orElse(stack.isEmpty() ? null : stack.get(0));
    }

    /** The frames of a captured stack, starting at the first frame outside the agent. */
    static List<String> frames(Throwable stack) {
        if (stack == null) {
            return List.of();
        }
        return Arrays.stream(stack.getStackTrace())
                .dropWhile(f -> f.getClassName().startsWith(AGENT_PACKAGE))
                .limit(MAX_FRAMES)
                .map(StackTraceElement::toString)
                .toList();
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
