package org.reftrace.agent.record;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.reftrace.agent.profile.ProfileSet;
import org.reftrace.agent.profile.Target;

/**
 * The recorder: what the agent knows of every tracked object, fed by the capture layer with clean events (an
 * object, what happened to it, who did it and where). Its jobs are split: {@link References} keeps the hold
 * tables and pairs puts with holds, {@link Lifecycle} follows each object through the steps its profile declares,
 * {@link Problems} makes every problem with what explains it, and {@link Snapshots} makes the immutable picture the
 * dump, the console and the page are made from. Knows nothing of bytecode, JSON or printing.
 *
 * <p>Thread-safe.
 */
public final class Recorder {
    private final Tables t;
    private final Problems problems;
    private final References references;
    private final Lifecycle lifecycle;
    private final AtomicLong scopes = new AtomicLong();
    private final Map<Long, Long> markTimes = new ConcurrentHashMap<>();

    public Recorder(ProfileSet profiles, RecorderConfig config) {
        this.t = new Tables(profiles, config);
        this.problems = new Problems(t);
        this.references = new References(t, problems);
        this.lifecycle = new Lifecycle(t, problems);
    }

    public void setWaitListener(WaitListener listener) {
        lifecycle.setWaitListener(listener);
    }

    /** Told of each problem kept (within the caps) as it is recorded, on the thread that records it. */
    public void setProblemListener(ProblemListener listener) {
        problems.setListener(listener);
    }

    /** What each call site took and put back so far (the dump's {@code sites[]}), for periodic reports. */
    public List<org.reftrace.dump.SiteStats> siteStats() {
        return Snapshots.sites(t);
    }

    // ---- what the capture layer needs to know ----

    public Target target(int id) {
        return t.target(id);
    }

    public ProfileRuntime runtime(Target target) {
        return t.runtimeOf(target);
    }

    public List<ProfileRuntime> runtimes() {
        return t.runtimes;
    }

    public ProfileSet profiles() {
        return t.profiles;
    }

    public SiteTable sites() {
        return t.sites;
    }

    public AgentClock clock() {
        return t.clock;
    }

    // ---- references ----

    public void alloc(ProfileRuntime p, Object object, Attribution who) {
        references.alloc(p, object, who);
    }

    public void create(ProfileRuntime p, Object object, Attribution who) {
        references.create(p, object, who);
    }

    public void hold(ProfileRuntime p, Object object, Object tracker, int count, Attribution who) {
        references.hold(p, object, tracker, count, who);
    }

    public void put(ProfileRuntime p, Object object, Object tracker, int count, Attribution who) {
        references.put(p, object, tracker, count, who, -1);
    }

    /** A put whose call began when {@link #frees()} was {@code freesAtEntry}. */
    public void put(ProfileRuntime p, Object object, Object tracker, int count, Attribution who, long freesAtEntry) {
        references.put(p, object, tracker, count, who, freesAtEntry);
    }

    /** How many frees the agent has seen: read when a put's call begins. */
    public long frees() {
        return t.frees.get();
    }

    /** A hold or put that threw: a use after free if the object was already freed. */
    public void failed(ProfileRuntime p, Object object, boolean put, Attribution who) {
        references.failed(p, object, put, who);
    }

    public void trackerAlloc(ProfileRuntime p, Object object, Object tracker, Attribution who) {
        references.trackerAlloc(p, object, tracker, who);
    }

    public void transfer(ProfileRuntime p, Object object, Object receiver, Attribution who) {
        references.transfer(p, object, receiver, who);
    }

    // ---- lifecycle ----

    public void register(ProfileRuntime p, Object object, boolean ok, Attribution who) {
        lifecycle.register(p, object, ok, who);
    }

    public void unregister(ProfileRuntime p, Object object, Attribution who) {
        lifecycle.unregister(p, object, who);
    }

    public void shouldBeFree(ProfileRuntime p, Object object, Attribution who) {
        lifecycle.shouldBeFree(p, object, who);
    }

    public BeforeFree beforeFree(ProfileRuntime p, Object object) {
        return lifecycle.beforeFree(p, object);
    }

    public void free(ProfileRuntime p, Object object, BeforeFree before, Throwable thrown, Attribution who) {
        lifecycle.free(p, object, before, thrown, who);
    }

    public void release(ProfileRuntime p, Object object, Attribution who) {
        lifecycle.release(p, object, who);
    }

    public void use(Object object, Attribution who) {
        lifecycle.use(object, who);
    }

    public void waitStart(ProfileRuntime p, List<Object> objects, Attribution who) {
        lifecycle.waitStart(p, objects, who);
    }

    public void waitEnd(ProfileRuntime p, List<Object> objects, Object done, boolean doneIsReturn, Attribution who) {
        lifecycle.waitEnd(p, objects, done, doneIsReturn, who);
    }

    public void waitWarning(ProfileRuntime p, Object object, Attribution who) {
        lifecycle.waitWarning(p, object, who);
    }

    /** For the {@code lingerAfter} watchdog: the waits overdue, now recorded; their objects' ids. */
    public List<Long> takeOverdueWaits(long thresholdNanos) {
        return lifecycle.takeOverdueWaits(thresholdNanos);
    }

    // ---- test mode ----

    /**
     * Starts a check period and returns its mark: {@code global}, every thread's references since now count;
     * otherwise those taken in a new scope, which the caller puts its thread in.
     */
    public long mark(boolean global) {
        if (global) {
            long epoch = ++t.epoch;
            markTimes.put(epoch, t.clock.preciseNow());
            return epoch << 1;
        }
        return (scopes.incrementAndGet() << 1) | 1;
    }

    /** The scope a non-global mark stands for (what a thread's context is set to). */
    public static long scopeOf(long mark) {
        return (mark & 1) == 1 ? mark >>> 1 : 0;
    }

    /** What belongs to a mark: holds and problems of its scope, or since its epoch. */
    HoldFilter filterFor(long mark) {
        if ((mark & 1) == 1) {
            long scope = mark >>> 1;
            return new HoldFilter(h -> h.scope() == scope, p -> p.scope() == scope);
        }
        long epoch = mark >>> 1;
        long since = markTimes.getOrDefault(epoch, Long.MAX_VALUE);
        return new HoldFilter(h -> h.epoch >= epoch, p -> p.atNanos() >= since);
    }

    /**
     * Whether the object, an owner seen at {@code site}, is tracked (by any profile): an owner that is one is a
     * link of a chain.
     */
    public boolean tracks(Object object, Site site) {
        return object != null && t.ownerType(object.getClass(), site).tracker() != null
                && t.objects.find(object) != null;
    }

    Tables tables() {
        return t;
    }
}
