package org.reftrace.agent.record;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.reftrace.agent.profile.ProfileSet;
import org.reftrace.agent.profile.Target;

/**
 * What the recorder's parts share: the object and site tables, the clock, the stack budget, the problems, the
 * timings and the counters. Each part ({@link References}, {@link Lifecycle}, {@link Problems}) does one job on
 * them.
 *
 * <p>Thread-safe: every member is.
 */
final class Tables {
    /** Summing the striped hold counter reads every thread's cell: done for one hold or put in this many. */
    static final int CAP_CHECK_EVERY = 64;
    /** Owners of a new class at a site after which the site stops caching its owners' class (they vary). */
    static final int MAX_OWNER_TYPE_MISSES = 16;

    final ProfileSet profiles;
    final List<ProfileRuntime> runtimes;
    final List<Target> targets;
    final RecorderConfig config;
    final AgentClock clock = new AgentClock();
    final SiteTable sites = new SiteTable();
    final StackBudget stacks;
    final ProblemLog problems;
    /** Holds and puts per profile, per call site, outstanding, paired per rule: per thread, no atomics. */
    final ThreadCounts counts;
    final Timings timings;
    final CollectedObjects collected;
    final BoundedReads reads = new BoundedReads();
    final RecentlyFreed recentlyFreed = new RecentlyFreed();
    final ObjectTable objects;
    final AtomicLong holdsDropped = new AtomicLong();
    /** Frees so far: a put that began before an object's free is no use after it (see {@link ObjectState#freeSeq}). */
    final AtomicLong frees = new AtomicLong();
    /** The test-mode epoch: holds remember the one they were taken in. */
    volatile long epoch;
    /** Whether any site is known to hand its references off (so the hand-off rule looks for one). */
    volatile boolean anyHandOffSites;
    private volatile boolean atCap;
    /** Per class of owner: its name, and the first profile that tracks it (a tracked owner is a chain's link). */
    private final ClassValue<OwnerType> ownerTypes = new ClassValue<>() {
        @Override
        protected OwnerType computeValue(Class<?> type) {
            ProfileRuntime tracker = runtimes.stream().filter(rt -> rt.tracks(type)).findFirst().orElse(null);
            return new OwnerType(type.getName(), tracker);
        }
    };

    /** What a hold keeps of an owner's class: one look-up however many profiles are loaded. */
    record OwnerType(String name, ProfileRuntime tracker) {}

    Tables(ProfileSet profiles, RecorderConfig config) {
        this.profiles = profiles;
        this.config = config;
        this.runtimes = java.util.stream.IntStream.range(0, profiles.profiles().size())
                .mapToObj(i -> new ProfileRuntime(profiles.profiles().get(i), i)).toList();
        this.targets = profiles.targets();
        this.stacks = new StackBudget(config.stacksPerSite());
        this.problems = new ProblemLog(config.maxProblems(), config.problemExamples(),
                RecorderConfig.MAX_PROBLEM_GROUPS);
        this.collected = new CollectedObjects(config.maxCollected());
        this.counts = new ThreadCounts(profiles.profiles().size(), sites);
        this.timings = new Timings(sites, counts);
        this.objects = new ObjectTable(config.maxObjects(), Tables::neededWhenCollected, this::collected);
    }

    /** With a lifecycle, an object collected before it was ever freed is a leak the exit report must show. */
    private static boolean neededWhenCollected(ObjectState state) {
        return state.profile.profile().hasRegistration() && !state.stage.freed() && state.stage != Stage.REGISTERED;
    }

    private void collected(ObjectState state) {
        counts.mine().live(-state.liveCount()); // a collected object's holds no longer count against maxHolds
        collected.add(state);
    }

    /** What a hold keeps of an owner of this class seen at {@code site} (through the site's cache of its class). */
    OwnerType ownerType(Class<?> type, Site site) {
        Site.OwnerTypeSeen seen = site.ownerTypeSeen;
        if (seen != null && seen.type().refersTo(type)) {
            return seen.value();
        }
        OwnerType value = ownerTypes.get(type);
        int misses = seen == null ? 0 : seen.misses() + 1;
        if (misses < MAX_OWNER_TYPE_MISSES) {
            site.ownerTypeSeen = new Site.OwnerTypeSeen(new java.lang.ref.WeakReference<>(type), value, misses);
        }
        return value;
    }

    boolean atCap() {
        return atCap;
    }

    void checkCapSometimes() {
        if (ThreadLocalRandom.current().nextInt(CAP_CHECK_EVERY) == 0) {
            boolean full = counts.liveApproximately() >= config.maxHolds();
            if (full != atCap) {
                atCap = full; // written only when it changes: every hold reads it, on every core
            }
        }
    }

    Target target(int id) {
        return targets.get(id);
    }

    ProfileRuntime runtimeOf(Target t) {
        return runtimes.get(t.profile());
    }
}
