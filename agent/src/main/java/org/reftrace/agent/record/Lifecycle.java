package org.reftrace.agent.record;

import java.util.List;
import org.reftrace.dump.ProblemType;

/**
 * The lifecycle tracker: moves each object through its stages as the profile's declared steps run (register,
 * unregister, should-be-free, free, release, the wait for references and its warnings), and reports what breaks
 * the rules (a double free, a free of a registered object, a free that fails on an object still being
 * unregistered, memory released while references are held, a read of freed memory). Driven only by what the
 * profile declares: it knows nothing of any tracked API.
 *
 * <p>Thread-safe.
 */
final class Lifecycle {
    private final Tables t;
    private final Problems problems;
    private volatile WaitListener waitListener = id -> { };

    Lifecycle(Tables tables, Problems problems) {
        this.t = tables;
        this.problems = problems;
    }

    void setWaitListener(WaitListener listener) {
        this.waitListener = listener;
    }

    void register(ProfileRuntime p, Object object, boolean ok, Attribution who) {
        ObjectState state = t.objects.stateOf(object, p);
        if (state == null) {
            return;
        }
        References.refresh(p, object, state);
        state.event(ok ? "register" : "register-failed", t.clock.preciseNow(), who.thread());
        if (ok && state.stage == Stage.ALLOCATED) {
            state.stage = Stage.REGISTERED;
        }
    }

    void unregister(ProfileRuntime p, Object object, Attribution who) {
        ObjectState state = t.objects.stateOf(object, p);
        if (state == null) {
            return;
        }
        References.refresh(p, object, state);
        long now = t.clock.preciseNow();
        if (state.stage.compareTo(Stage.UNREGISTERING) < 0) {
            state.stage = Stage.UNREGISTERING;
        }
        state.unregisterAtNanos = now;
        state.event("unregister", now, who.thread());
    }

    void shouldBeFree(ProfileRuntime p, Object object, Attribution who) {
        ObjectState state = t.objects.find(object);
        if (state != null && state.stage.compareTo(Stage.UNREGISTERING) < 0) {
            state.stage = Stage.UNREGISTERING;
            state.unregisterAtNanos = t.clock.preciseNow();
            state.event("should-be-free", state.unregisterAtNanos, who.thread());
        }
    }

    BeforeFree beforeFree(ProfileRuntime p, Object object) {
        ObjectState state = t.objects.find(object);
        return new BeforeFree(state == null ? Stage.ALLOCATED : state.stage, p.state(object));
    }

    /**
     * A free returned ({@code thrown == null}) or failed. Freed once; a second time is a double free; of a
     * registered object a bug; of one in a deferred-free state only marked (the todo runner frees it later); one
     * that fails on an object being unregistered is a free the kernel refused (a BUG before free_netdev became
     * lenient).
     */
    void free(ProfileRuntime p, Object object, BeforeFree before, Throwable thrown, Attribution who) {
        ObjectState state = t.objects.stateOf(object, p);
        if (state == null) {
            return;
        }
        String regState = before.state();
        long now = t.clock.preciseNow();
        if (before.stage().freed() || regState != null && p.profile().releasedStates().contains(regState)) {
            problems.report(ProblemType.DOUBLE_FREE, state, "freed again; it was freed before", who.site(), who,
                    problems.origins(List.of(), state));
        } else if (regState != null && p.profile().registeredStates().contains(regState)) {
            problems.report(ProblemType.FREE_WHILE_REGISTERED, state, "freed while still registered (" + regState + ")",
                    who.site(), who, List.of());
        } else if (thrown != null && before.stage().pastUnregister()) {
            problems.report(ProblemType.FREE_WHILE_UNREGISTERING, state, "freed while still being unregistered"
                    + (regState != null ? " (" + regState + ")" : "") + "; the free failed: " + thrown, who.site(), who,
                    List.of());
        } else if (thrown == null && !(regState != null && p.profile().deferredFreeStates().contains(regState))) {
            // from here any use is a use after free, whether or not the memory is gone yet (it may be already:
            // the free released it on the way)
            if (state.stage != Stage.RELEASED) {
                state.stage = Stage.FREED;
            }
            state.freeSeq = t.frees.incrementAndGet();
            state.freed = new ObjectState.Place(who.site(), who.thread(), now, t.stacks.forEvent());
        }
        state.event(thrown == null ? "free" : "free-failed", now, who.thread());
    }

    /** The object's memory is gone: references still recorded on it can only be put on freed memory. */
    void release(ProfileRuntime p, Object object, Attribution who) {
        ObjectState state = t.objects.stateOf(object, p);
        if (state == null) {
            return;
        }
        long now = t.clock.preciseNow();
        if (state.freed == null) {
            state.freeSeq = t.frees.incrementAndGet();
            state.freed = new ObjectState.Place(who.site(), who.thread(), now, t.stacks.forEvent());
        }
        state.stage = Stage.RELEASED;
        state.event("release", now, who.thread());
        if (state.unregisterAtNanos >= 0) {
            t.timings.unregisterToFree(p.kind(), now - state.unregisterAtNanos);
        }
        List<Hold> still = state.liveHolds();
        // when the object's own count says nothing is held, the holds left are puts still under way on other
        // threads (recorded as they return), not holders
        Integer count = still.isEmpty() ? null : p.count(object);
        if (!still.isEmpty() && (count == null || count > p.profile().countFloor())) {
            problems.report(ProblemType.FREE_WHILE_HELD, state, "its memory was released while " + still.size()
                    + " reference" + (still.size() == 1 ? " was" : "s were") + " still held; the oldest taken at "
                    + still.get(0).site.frame(), who.site(), who, problems.origins(still, null));
        }
    }

    /** A read through one of the object's accessors: on freed memory, a use after free (who read, who freed). */
    void use(Object object, Attribution who) {
        ObjectState state = t.objects.find(object);
        if (state != null && state.stage.freed()) {
            problems.useAfterFree(state, "a read of", null, who, null);
        }
    }

    void waitStart(ProfileRuntime p, List<Object> objects, Attribution who) {
        long now = t.clock.preciseNow();
        for (Object object : objects) {
            ObjectState state = t.objects.stateOf(object, p);
            if (state != null && state.stage != Stage.WAITING) {
                state.stage = Stage.WAITING;
                state.wait = new ObjectState.WaitRecord(now);
                state.event("wait-start", now, who.thread());
            }
        }
    }

    /** The wait returned: with {@code doneIsReturn}, {@code done} is the object whose wait ended (null: gave up). */
    void waitEnd(ProfileRuntime p, List<Object> objects, Object done, boolean doneIsReturn, Attribution who) {
        long now = t.clock.preciseNow();
        for (Object object : objects) {
            ObjectState state = t.objects.find(object);
            if (state == null) {
                continue;
            }
            if (!doneIsReturn || done == object) {
                state.stage = Stage.DESTROYED;
                endWait(state, "completed", now);
                state.event("wait-end", now, who.thread());
            } else if (done == null) {
                state.stage = Stage.HUNG;
                endWait(state, "gave-up", now);
                state.event("wait-gave-up", now, who.thread());
            }
        }
    }

    private void endWait(ObjectState state, String outcome, long now) {
        ObjectState.WaitRecord wait = state.wait;
        if (wait != null && wait.endNanos < 0) {
            wait.endNanos = now;
            wait.outcome = outcome;
            t.timings.waitDuration(state.profile.kind(), now - wait.startNanos);
        }
    }

    /** The wait warns: the usage count is recorded, and the holders at the first warning become a problem. */
    void waitWarning(ProfileRuntime p, Object object, Attribution who) {
        ObjectState state = t.objects.stateOf(object, p);
        if (state == null) {
            return;
        }
        Integer count = p.count(object); // on the waiting thread, in the program's own warning: safe
        ObjectState.WaitRecord wait = state.wait;
        if (wait != null) {
            wait.warnings++;
        }
        state.event("wait-warning", t.clock.preciseNow(), who.thread(), count == null ? null : count.longValue());
        if (wait != null && !wait.lingerReported) {
            wait.lingerReported = true;
            lingering(state, who);
        }
        waitListener.waitWarning(state.id);
    }

    /**
     * The waits that have lasted {@code thresholdNanos} or more without their holders being recorded: records them
     * now and returns their objects' ids. For the {@code lingerAfter} option's watchdog.
     */
    List<Long> takeOverdueWaits(long thresholdNanos) {
        long now = t.clock.preciseNow();
        List<Long> overdue = new java.util.ArrayList<>();
        for (ObjectState state : t.objects.all()) {
            ObjectState.WaitRecord wait = state.wait;
            if (state.stage == Stage.WAITING && wait != null && !wait.lingerReported
                    && now - wait.startNanos >= thresholdNanos) {
                wait.lingerReported = true;
                lingering(state, new Attribution(null, null, "reftrace-linger-watch", 0));
                overdue.add(state.id);
            }
        }
        return overdue;
    }

    /** At a wait's first warning: the holders are recorded as a problem, even if they let go later. */
    private void lingering(ObjectState state, Attribution who) {
        List<Hold> holds = state.liveHolds();
        if (holds.isEmpty()) {
            return;
        }
        Hold oldest = holds.get(0);
        String owner = Snapshots.ownerName(oldest);
        problems.report(ProblemType.LINGERING_HOLDERS, state, holds.size() + " reference"
                + (holds.size() == 1 ? "" : "s") + " still held while the wait warns; the oldest taken at "
                + oldest.site.frame() + (owner != null ? " by " + owner : "") + " on thread " + oldest.thread,
                oldest.site,
                new Attribution(oldest.site, null, oldest.thread, oldest.scope()), problems.origins(holds, null));
    }
}
