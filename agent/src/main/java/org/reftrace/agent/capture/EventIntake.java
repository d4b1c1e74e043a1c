package org.reftrace.agent.capture;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongFunction;
import org.reftrace.agent.bootstrap.CallContext;
import org.reftrace.agent.bootstrap.HookSink;
import org.reftrace.agent.profile.ObjectSelector;
import org.reftrace.agent.profile.Role;
import org.reftrace.agent.profile.Success;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.Attribution;
import org.reftrace.agent.record.ProfileRuntime;
import org.reftrace.agent.record.Recorder;
import org.reftrace.agent.record.Site;

/**
 * Turns the advice's raw calls into the recorder's clean events. For every profile method it finds the tracked
 * object (the receiver, an argument or the return value; through a view to the object it views), checks that the
 * object is of the profile's type, decides whether the call did what its role says (a hold that throws is no hold,
 * a {@code tryIncRef()} that returns {@code false} took nothing), and names who did it: the call site and owner
 * the call site marked, or, for a path no call site marked, the caller found on the stack.
 *
 * <p>Implementation notes. A call made inside another tracked call on the same object, in the same direction
 * (an {@code incRef()} that calls {@code tryIncRef()}, a holder's {@code release()} that releases its content), is
 * counted once, at the outermost call, with the outermost call's site and owner. Where the outer call's object is
 * its return value (an {@code acquire()}), the inner events are held back in its frame and, when it returns, those
 * on the returned object are absorbed into it and the others recorded. Frames live in the thread's
 * {@link CallContext} and are reused, so a call costs no allocation here.
 *
 * <p>Thread-safe: all per-thread state is in the context.
 */
public final class EventIntake implements HookSink {
    /** What {@link #enter} returns for a call too deeply nested to keep a frame for: recorded without checks. */
    static final int FLAT = -2;

    private final Recorder recorder;
    private final CallerSites callers;
    private final LongFunction<String> check;

    /** @param check test mode: what is wrong since a mark, as a report, or {@code null} */
    public EventIntake(Recorder recorder, LongFunction<String> check) {
        this.recorder = recorder;
        this.callers = new CallerSites(recorder.sites());
        this.check = check;
    }

    @Override
    public int enter(int targetId, int method, Object self, Object[] args, CallContext ctx) {
        Target t = recorder.target(targetId);
        ProfileRuntime p = recorder.runtime(t);
        Role role = t.role();
        if (role == Role.USE || role == Role.TRANSFER || role == Role.SHOULD_BE_FREE) {
            decidedAtEntry(t, p, method, self, args, ctx);
            return -1;
        }
        return push(t, p, method, self, args, ctx);
    }

    /**
     * A call whose meaning its entry decides: a read through an accessor, a hand-over, a should-be-free. Apart
     * from {@link #enter} (compared roles, no switch), so that the entry of every hold and put stays small enough
     * for the JIT to inline it into the advice.
     */
    private void decidedAtEntry(Target t, ProfileRuntime p, int method, Object self, Object[] args,
            CallContext ctx) {
        if (t.role() == Role.USE) {
            Object o = tracked(p, select(t.object(), self, args, null));
            if (o != null) {
                recorder.use(o, new Attribution(null, null, thread(), ctx.scope));
            }
        } else if (t.role() == Role.TRANSFER) {
            Object value = select(t.object(), self, args, null);
            Object o = tracked(p, value);
            // the new owner: the receiver of an instance method, else the first other argument (skDstSet(sk, dst))
            Object to = self != null ? self : args.length > 0 && args[0] != value ? args[0] : null;
            if (o != null) {
                recorder.transfer(p, o, to, new Attribution(recorder.sites().get(method), to, thread(), ctx.scope));
            }
        } else {
            Attribution who = new Attribution(null, self, thread(), ctx.scope);
            for (Object o : each(t.object(), select(t.object(), self, args, null))) {
                Object tracked = tracked(p, o);
                if (tracked != null) {
                    recorder.shouldBeFree(p, tracked, who);
                }
            }
        }
    }

    private int push(Target t, ProfileRuntime p, int method, Object self, Object[] args, CallContext ctx) {
        if (t.isConstructor()) {
            return pushConstructor(t, p, method, ctx);
        }
        if (ctx.depth >= CallContext.MAX_DEPTH) {
            return FLAT;
        }
        int index = ctx.depth;
        Frame f = claim(ctx.frames, index, t, p, ctx);
        if (!t.object().atExit()) {
            Object o = select(t.object(), self, args, null);
            if (!t.object().each()) {
                f.object = tracked(p, o);
                f.skip = f.object == null;
                f.via = f.object != null && f.object != o ? o : null;
            }
            if (t.role().takesOrDrops() && f.object != null) {
                f.nested = nestedIn(ctx, index, f.object, direction(t.role()));
                f.tracker = tracker(t, args);
                f.count = count(t, args);
                if (t.role() == Role.PUT) {
                    f.freesAtEntry = recorder.frees();
                }
            }
            if (t.role() == Role.FREE || t.role() == Role.WAIT) {
                lifecycleStarts(t, p, f, o, ctx);
            }
        }
        ctx.depth = index + 1;
        return index;
    }

    /**
     * A free or a wait begins: what its exit needs is kept in its frame. Apart from {@link #push}, so that the
     * path of every hold and put stays small enough for the JIT to inline into the advice's entry.
     */
    private void lifecycleStarts(Target t, ProfileRuntime p, Frame f, Object o, CallContext ctx) {
        if (t.role() == Role.FREE && f.object != null) {
            f.beforeFree = recorder.beforeFree(p, f.object);
        }
        if (t.role() == Role.WAIT) {
            f.waiting = trackedEach(p, t.object(), o);
            recorder.waitStart(p, f.waiting, attribution(f, null, ctx));
        }
    }

    /**
     * A tracked constructor starts: its call site's mark is kept on the thread's constructor stack (with the class
     * whose constructor this is), for its exit.
     */
    private int pushConstructor(Target t, ProfileRuntime p, int method, CallContext ctx) {
        if (ctx.constructors >= CallContext.MAX_DEPTH) {
            return FLAT;
        }
        int index = ctx.constructors;
        Frame f = claim(ctx.constructorFrames, index, t, p, ctx);
        f.constructing = recorder.sites().get(method).className();
        ctx.constructors = index + 1;
        return index;
    }

    /**
     * The thread's frame at {@code index} of {@code frames}, reset for a call of {@code t}, with the mark its call
     * site left (site and owner candidates) when the mark is for this target.
     */
    private Frame claim(Object[] frames, int index, Target t, ProfileRuntime p, CallContext ctx) {
        Frame f = (Frame) frames[index];
        if (f == null) {
            f = new Frame();
            frames[index] = f;
        }
        f.resetIfUsed(); // a frame is reset at its call's exit; one an exception skipped past is reset here
        f.target = t;
        f.profile = p;
        if (ctx.site >= 0 && recorder.sites().get(ctx.site).targetId() == t.id()) {
            f.site = recorder.sites().get(ctx.site);
            f.argOwner = ctx.argOwner;
            f.argOwner2 = ctx.argOwner2;
            f.thisOwner = ctx.thisOwner;
            ctx.clearSite();
        }
        return f;
    }

    /**
     * A tracked constructor returned the new object. A superclass's constructor (called by {@code super(...)}
     * from a subclass's that is tracked too) leaves the object to the outermost, which records it once, with the
     * site where the program said {@code new}.
     */
    private void exitConstructor(Target t, ProfileRuntime p, int index, Object made, CallContext ctx) {
        if (index == FLAT) {
            Object o = tracked(p, made);
            if (o != null) {
                record(new Frame.Event(t, p, o, null, 1, callerOnly(t, ctx)));
            }
            return;
        }
        if (index < 0 || index >= ctx.constructors) {
            return;
        }
        ctx.constructors = index;
        Frame f = (Frame) ctx.constructorFrames[index];
        Object o = tracked(p, made);
        if (o != null && !madeByEnclosingConstructor(ctx, index, o)) {
            emit(new Frame.Event(t, p, o, null, 1, attribution(f, o, ctx)), ctx);
        }
        f.reset();
    }

    /** Whether a tracked constructor further out is making this same object (a subclass's, calling super). */
    private static boolean madeByEnclosingConstructor(CallContext ctx, int index, Object made) {
        for (int i = index - 1; i >= 0; i--) {
            Frame outer = (Frame) ctx.constructorFrames[i];
            if (outer != null && outer.constructing != null && isInstanceOf(made.getClass(), outer.constructing)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInstanceOf(Class<?> type, String className) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void exit(int targetId, int frame, Object self, Object[] args, Object result, Throwable thrown,
            CallContext ctx) {
        Target t = recorder.target(targetId);
        ProfileRuntime p = recorder.runtime(t);
        if (t.isConstructor()) {
            exitConstructor(t, p, frame, result, ctx);
            return;
        }
        if (frame == FLAT) {
            Object o = tracked(p, select(t.object(), self, args, result));
            if (o != null && t.role().takesOrDrops() && t.when().test(result, thrown)) {
                record(new Frame.Event(t, p, o, tracker(t, args), count(t, args), callerOnly(t, ctx)));
            }
            return;
        }
        if (frame < 0 || frame >= ctx.depth) {
            return;
        }
        ctx.depth = frame; // pops this frame (and any an exception skipped past)
        Frame f = (Frame) ctx.frames[frame];
        if (f.target == null || f.target.id() != targetId) {
            return;
        }
        boolean ok = t.when().test(result, thrown);
        if (t.role().takesOrDrops()) {
            reference(f, t, p, self, args, result, thrown, ok, ctx);
        } else {
            lifecycleEnds(f, t, p, frame, self, args, result, thrown, ok, ctx);
        }
        f.reset(); // drops the references it kept to objects and owners
    }

    /**
     * A lifecycle call returned (a registration, a free, a release, a wait). Apart from {@link #exit}, so that the
     * exit of every hold and put stays small enough for the JIT to inline.
     */
    private void lifecycleEnds(Frame f, Target t, ProfileRuntime p, int frame, Object self, Object[] args,
            Object result, Throwable thrown, boolean ok, CallContext ctx) {
        switch (t.role()) {
            case REGISTER -> {
                if (f.object != null && thrown == null) {
                    recorder.register(p, f.object, ok, attribution(f, f.object, ctx));
                }
            }
            case UNREGISTER -> {
                if (ok) {
                    for (Object o : trackedEach(p, t.object(), select(t.object(), self, args, result))) {
                        recorder.unregister(p, o, attribution(f, o, ctx));
                    }
                }
            }
            case FREE -> {
                if (f.object != null) {
                    recordEnclosingPut(f.object, frame, ctx);
                    recorder.free(p, f.object, f.beforeFree, thrown, attribution(f, f.object, ctx));
                }
            }
            case RELEASE -> {
                Object o = f.object != null ? f.object : tracked(p, select(t.object(), self, args, result));
                if (o != null && thrown == null) {
                    recordEnclosingPut(o, frame, ctx);
                    recorder.release(p, o, attribution(f, o, ctx));
                }
            }
            case WAIT -> {
                if (f.waiting != null) {
                    // done=return: the result is the object whose wait ended; otherwise the wait either succeeded
                    // for all (its when= condition) or gave up on all
                    boolean byResult = t.doneIsReturn() || !ok;
                    recorder.waitEnd(p, f.waiting, t.doneIsReturn() && thrown == null ? result : null, byResult,
                            attribution(f, null, ctx));
                }
            }
            case WAIT_WARNING -> {
                if (f.object != null) {
                    recorder.waitWarning(p, f.object, attribution(f, f.object, ctx));
                }
            }
            default -> { }
        }
    }

    private void reference(Frame f, Target t, ProfileRuntime p, Object self, Object[] args, Object result,
            Throwable thrown, boolean ok, CallContext ctx) {
        // what nested calls left here: read in place, as no emit() can add to a frame already popped
        List<Frame.Event> pending = f.pending;
        if (f.nested || f.recorded || f.skip && !t.object().atExit()) {
            emitAll(pending, ctx);
            return;
        }
        Object value = t.object().atExit() ? select(t.object(), self, args, result) : null;
        Object object = t.object().atExit() ? tracked(p, value) : f.object;
        Object via = t.object().atExit() ? (object != null && object != value ? value : null) : f.via;
        if (!ok || object == null) {
            nothingTaken(f, t, p, object, thrown, ctx);
            return;
        }
        if (!pending.isEmpty()) {
            emitOthers(pending, t.role(), object, ctx);
        }
        Attribution who = attribution(f, object, ctx).through(via);
        Frame keeper = keeperFor(t.role(), object, ctx);
        if (keeper != null) {
            keeper.pending.add(new Frame.Event(t, p, object, tracker(t, args), count(t, args), who, f.freesAtEntry));
        } else {
            record(t.role(), p, object, tracker(t, args), count(t, args), who, f.freesAtEntry);
        }
    }

    /**
     * A call that took or dropped nothing (it threw, or its success condition failed): what nested calls left is
     * recorded, and a hold or put that threw on a freed object is a use after free.
     */
    private void nothingTaken(Frame f, Target t, ProfileRuntime p, Object object, Throwable thrown,
            CallContext ctx) {
        emitAll(f.pending, ctx);
        if (thrown != null && object != null && (t.role() == Role.PUT || t.role() == Role.HOLD)) {
            recorder.failed(p, object, t.role() == Role.PUT, attribution(f, object, ctx));
        }
    }

    /** What nested calls left, but for the call's own reference on its object, which the outermost call records. */
    private void emitOthers(List<Frame.Event> pending, Role role, Object object, CallContext ctx) {
        int direction = direction(role);
        for (int i = 0; i < pending.size(); i++) { // indexed: no iterator per call on the hot path
            Frame.Event e = pending.get(i);
            if (e.object() != object || direction(e.target().role()) != direction
                    || allocatedByALookup(role, e.target().role())) {
                emit(e, ctx);
            } // else: the same reference, counted here, at the outermost call
        }
    }

    private void emitAll(List<Frame.Event> events, CallContext ctx) {
        for (int i = 0; i < events.size(); i++) {
            emit(events.get(i), ctx);
        }
    }

    /**
     * The last put frees ({@code in_dev_put()} runs {@code in_dev_finish_destroy()}, {@code release()} deallocates):
     * a put still open around this free, on the same object, is recorded now, before the free, or the free would
     * make that very put look like a use after free. A put with a success condition waits for its result.
     */
    private void recordEnclosingPut(Object object, int below, CallContext ctx) {
        for (int i = below - 1; i >= 0; i--) {
            Frame outer = (Frame) ctx.frames[i];
            if (outer != null && outer.target != null && outer.target.role() == Role.PUT && outer.object == object
                    && !outer.nested && !outer.skip && !outer.recorded && outer.target.when() == Success.RETURNS) {
                outer.recorded = true;
                record(new Frame.Event(outer.target, outer.profile, object, outer.tracker, outer.count,
                        attribution(outer, object, ctx).through(outer.via), outer.freesAtEntry));
                return;
            }
        }
    }

    /**
     * Whether a reference made inside a call is another one than the call's own: an object allocated inside a
     * lookup starts with a reference of its own (the cache it is made for: a route's per-nexthop copy made by
     * {@code ip6_route_output()}), and the lookup takes one more for its caller. A hold inside an allocation, or an
     * allocation inside another, is the same reference again (Netty's {@code retainedSlice()}, Lucene's
     * {@code open()} calling its implementation's).
     */
    private static boolean allocatedByALookup(Role outer, Role inner) {
        return (outer == Role.LOOKUP || outer == Role.HOLD) && (inner == Role.ALLOC || inner == Role.CREATE);
    }

    /** Records an event, or holds it back in the innermost open call whose object is its return value. */
    private void emit(Frame.Event e, CallContext ctx) {
        Frame keeper = keeperFor(e.target().role(), e.object(), ctx);
        if (keeper != null) {
            keeper.pending.add(e);
        } else {
            record(e);
        }
    }

    /**
     * The open call that holds back a reference of this role: the innermost one, in the same direction, whose
     * object is its return value, if it has room; {@code null} when the reference is to be recorded now (the
     * common case: then no event is made). A put first records what is held back on its object.
     */
    private Frame keeperFor(Role role, Object object, CallContext ctx) {
        int direction = direction(role);
        if (direction < 0) {
            recordHeldBackReferences(object, ctx);
        }
        for (int i = ctx.depth - 1; i >= 0; i--) {
            Frame open = (Frame) ctx.frames[i];
            if (open != null && open.target != null && open.objectAtExit() && !open.nested
                    && direction(open.target.role()) == direction) {
                return open.pending.size() < Frame.MAX_PENDING ? open : null;
            }
        }
        return null;
    }

    /**
     * A put inside calls that hold back the reference they will return: a reference held back on the same object
     * is recorded first, or the put would come before the hold it pays for (Lucene's {@code openIfChanged()} opens
     * a reader, finds it unchanged, {@code decRef()}s it and returns {@code null}).
     */
    private void recordHeldBackReferences(Object object, CallContext ctx) {
        for (int i = 0; i < ctx.depth; i++) {
            Frame open = (Frame) ctx.frames[i];
            if (open == null || open.target == null || open.pending.isEmpty()) {
                continue;
            }
            for (java.util.Iterator<Frame.Event> it = open.pending.iterator(); it.hasNext(); ) {
                Frame.Event held = it.next();
                if (held.object() == object && direction(held.target().role()) > 0) {
                    it.remove();
                    record(held);
                }
            }
        }
    }

    private void record(Frame.Event e) {
        record(e.target().role(), e.profile(), e.object(), e.tracker(), e.count(), e.who(), e.freesAtEntry());
    }

    private void record(Role role, ProfileRuntime p, Object object, Object tracker, int count, Attribution who,
            long freesAtEntry) {
        switch (role) {
            case ALLOC -> recorder.alloc(p, object, who);
            case CREATE -> recorder.create(p, object, who);
            case LOOKUP, HOLD -> recorder.hold(p, object, tracker, count, who);
            case PUT -> recorder.put(p, object, tracker, count, who, freesAtEntry);
            case TRACKER_ALLOC -> recorder.trackerAlloc(p, object, tracker, who);
            default -> { }
        }
    }

    /** Whether an enclosing call is already taking or dropping a reference on this object. */
    private static boolean nestedIn(CallContext ctx, int depth, Object object, int direction) {
        for (int i = depth - 1; i >= 0; i--) {
            Frame outer = (Frame) ctx.frames[i];
            if (outer != null && outer.target != null && outer.object == object && !outer.skip
                    && direction(outer.target.role()) == direction) {
                return true;
            }
        }
        return false;
    }

    /** +1 for roles that give a reference, -1 for a put, 0 otherwise. */
    private static int direction(Role role) {
        return role.gives() || role == Role.CREATE ? 1 : role == Role.PUT ? -1 : 0;
    }

    /** Who did it: the marked call site and owner, or the caller found on the stack. */
    private Attribution attribution(Frame f, Object object, CallContext ctx) {
        Site site = f.site != null ? f.site : callers.of(f.target);
        Object owner = null;
        if (f.site != null) {
            // a tracked object taking a reference in its own method keeps it (rt6_info replacing its inet6_dev on
            // behalf of a device going away: the route holds it, not the device); else the arguments say who
            owner = f.thisOwner != null && f.thisOwner != object && recorder.tracks(f.thisOwner, site) ? f.thisOwner
                    : f.argOwner != null && f.argOwner != object ? f.argOwner
                    : f.argOwner2 != null && f.argOwner2 != object ? f.argOwner2
                    : f.thisOwner != null ? f.thisOwner : f.argOwner;
        }
        return new Attribution(site, owner, thread(), ctx.scope);
    }

    private Attribution callerOnly(Target t, CallContext ctx) {
        return new Attribution(callers.of(t), null, thread(), ctx.scope);
    }

    private static String thread() {
        return Thread.currentThread().getName();
    }

    /** The selected value, before any view or type check. */
    private static Object select(ObjectSelector selector, Object self, Object[] args, Object result) {
        return switch (selector.source()) {
            case AUTO -> self != null ? self : args.length > 0 ? args[0] : null;
            case THIS -> self;
            case RETURN -> result;
            case ARGUMENT -> selector.argument() < args.length ? args[selector.argument()] : null;
        };
    }

    /** The object a reference is really on (through views), if this profile tracks it; else {@code null}. */
    private static Object tracked(ProfileRuntime p, Object value) {
        return p.trackedObject(value);
    }

    private static List<Object> trackedEach(ProfileRuntime p, ObjectSelector selector, Object value) {
        List<Object> out = new ArrayList<>();
        for (Object o : each(selector, value)) {
            Object tracked = tracked(p, o);
            if (tracked != null) {
                out.add(tracked);
            }
        }
        return out;
    }

    /** The elements of a collection or array for a {@code [*]} selector; the value itself otherwise. */
    private static List<Object> each(ObjectSelector selector, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!selector.each()) {
            return List.of(value);
        }
        List<Object> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            out.addAll(c);
        } else if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
        }
        return out;
    }

    private static Object tracker(Target t, Object[] args) {
        return t.trackerArgument() >= 0 && t.trackerArgument() < args.length ? args[t.trackerArgument()] : null;
    }

    private static int count(Target t, Object[] args) {
        if (t.countArgument() >= 0 && t.countArgument() < args.length && args[t.countArgument()] instanceof Number n) {
            return Math.max(0, n.intValue());
        }
        return 1;
    }

    @Override
    public long mark(boolean global, CallContext context) {
        long mark = recorder.mark(global);
        if (!global) {
            context.scope = Recorder.scopeOf(mark);
        }
        return mark;
    }

    @Override
    public String check(long mark) {
        return check.apply(mark);
    }
}
