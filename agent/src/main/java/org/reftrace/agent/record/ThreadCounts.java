package org.reftrace.agent.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The recorder's busiest counters, kept per thread: the holds and puts each profile saw, what each call site took
 * and put back and how many of its holds ended within a clock tick, the references outstanding, and how often each
 * pairing rule paired. A hold or a put bumps plain fields of its own thread's {@link Cells}; striped counters cost
 * a compare-and-set each, about nine for one hold and its put (32 of the pair's 240 ns in the JMH table). Reads add
 * up every thread's cells. The cells also keep the last {@link Owner} their thread recorded, to hand it out again:
 * they are what a hold or a put already looks up per thread.
 *
 * <p>Thread-safe. A read sees every bump that happened before it (the read is ordered after them by whatever made
 * it come later: a join, a lock, a test's end); bumps racing with a read may or may not be in it, as with striped
 * counters. Cells are written only by their thread, with opaque stores (never torn), and read with opaque loads.
 *
 * <p>Implementation notes. Every thread's cells are registered in a list, so that a read finds them all. A thread
 * that has ended leaves its counts behind: the next exact read, or the next registration once the list has doubled
 * since its last clean-up, folds them into {@link #ended} and drops its cells, so memory follows the threads alive
 * (virtual threads included: each one that records has cells, for as long as it lives). A site's three counters
 * sit side by side in one array that grows, by its own thread, to the highest site the thread has used.
 */
final class ThreadCounts {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Per site: taken, released, released within a tick. */
    private static final int PER_SITE = 3;
    private static final int TAKEN = 0;
    private static final int RELEASED = 1;
    private static final int QUICK = 2;

    /** One thread's counters. Written by that thread only. */
    final class Cells {
        private final WeakReference<Thread> thread = new WeakReference<>(Thread.currentThread());
        private final long[] events = new long[profiles];
        private final long[] pairings = new long[PairingRule.values().length];
        private final long[] live = new long[1];
        /** Replaced, never shrunk, when a site beyond its end is bumped: readers load the newest. */
        private volatile long[] sites = new long[PER_SITE * 16];
        /**
         * The owner this thread recorded last, handed out again for the same one: an owner is a value, kept by no
         * hold, and a thread's holds and puts mostly come from one owner in turn (48 bytes less per pair).
         */
        private Owner lastOwner = Owner.NONE;
        /**
         * The state of the object this thread recorded last: a thread mostly holds and puts the same object in turn,
         * and comparing with it costs less than the object table's look-up. It keeps no object alive (a state holds
         * its object weakly); a state forgotten since is not used again.
         */
        private ObjectState lastState;

        /** The owner of these parts: the last one again when it is the same. */
        Owner owner(int hash, String type, ObjectState state) {
            Owner last = lastOwner;
            if (last.hash() == hash && last.type() == type && last.state() == state) {
                return last;
            }
            Owner fresh = new Owner(hash, type, state);
            lastOwner = fresh;
            return fresh;
        }

        /** The state of {@code object} if it is the one this thread recorded last and is still listed, else null. */
        ObjectState lastStateIfOf(Object object) {
            ObjectState last = lastState;
            return last != null && last.ref.refersTo(object) && !last.retired ? last : null;
        }

        void lastState(ObjectState state) {
            lastState = state;
        }

        /** A hold or put recorded for profile {@code index}. */
        void event(int profile) {
            bump(events, profile, 1);
        }

        void taken(Site site, int count) {
            bumpSite(site, TAKEN, count);
        }

        void released(Site site, int count) {
            bumpSite(site, RELEASED, count);
        }

        /** A hold of {@code site} that ended within a clock tick. */
        void quick(Site site) {
            bumpSite(site, QUICK, 1);
        }

        /** References outstanding: up by a hold, down by its put (on whichever thread puts it). */
        void live(long delta) {
            bump(live, 0, delta);
        }

        void paired(PairingRule rule) {
            bump(pairings, rule.ordinal(), 1);
        }

        private void bumpSite(Site site, int which, int count) {
            int id = site.id();
            if (id < 0 || id >= siteTable.size()) {
                return; // a placeholder for an id never issued: no report lists it
            }
            long[] mine = sites;
            int index = id * PER_SITE + which;
            if (index >= mine.length) {
                mine = Arrays.copyOf(mine, Math.max(mine.length * 2, (id + 1) * PER_SITE));
                sites = mine;
            }
            bump(mine, index, count);
        }

        private long site(int id, int which) {
            long[] mine = sites;
            int index = id * PER_SITE + which;
            return index < mine.length ? (long) LONGS.getOpaque(mine, index) : 0;
        }

        private boolean ended() {
            Thread t = thread.get();
            return t == null || !t.isAlive();
        }
    }

    private final int profiles;
    private final SiteTable siteTable;
    private final ThreadLocal<Cells> mine = ThreadLocal.withInitial(this::register);
    /** Every thread's cells; replaced as a whole (copy on write), so that a lock-free read walks a stable array. */
    private volatile Cells[] all = new Cells[0];
    private int cleanAt = 64;
    /** What threads that have ended counted. Guarded by {@code this}. */
    private final long[] endedEvents;
    private final long[] endedPairings = new long[PairingRule.values().length];
    private long[] endedSites = new long[0];
    private volatile long endedLive;

    ThreadCounts(int profiles, SiteTable sites) {
        this.profiles = profiles;
        this.siteTable = sites;
        this.endedEvents = new long[profiles];
    }

    /** The calling thread's cells. */
    Cells mine() {
        return mine.get();
    }

    /** References outstanding, lock-free: what the cap check reads (a thread folded meanwhile may count twice). */
    long liveApproximately() {
        long sum = endedLive;
        for (Cells c : all) {
            sum += (long) LONGS.getOpaque(c.live, 0);
        }
        return sum;
    }

    synchronized long live() {
        foldEnded();
        return liveApproximately();
    }

    synchronized long events(int profile) {
        foldEnded();
        long sum = endedEvents[profile];
        for (Cells c : all) {
            sum += (long) LONGS.getOpaque(c.events, profile);
        }
        return sum;
    }

    synchronized long pairings(PairingRule rule) {
        foldEnded();
        long sum = endedPairings[rule.ordinal()];
        for (Cells c : all) {
            sum += (long) LONGS.getOpaque(c.pairings, rule.ordinal());
        }
        return sum;
    }

    long taken(Site site) {
        return site(site.id(), TAKEN);
    }

    long released(Site site) {
        return site(site.id(), RELEASED);
    }

    long quick(Site site) {
        return site(site.id(), QUICK);
    }

    private synchronized long site(int id, int which) {
        foldEnded();
        int index = id * PER_SITE + which;
        long sum = index < endedSites.length ? endedSites[index] : 0;
        for (Cells c : all) {
            sum += c.site(id, which);
        }
        return sum;
    }

    /** How many threads' cells are kept (those alive, and ended ones not folded yet). */
    int cellsKept() {
        return all.length;
    }

    private synchronized Cells register() {
        if (all.length >= cleanAt) {
            foldEnded();
            cleanAt = Math.max(64, all.length * 2);
        }
        Cells fresh = new Cells();
        Cells[] grown = Arrays.copyOf(all, all.length + 1);
        grown[all.length] = fresh;
        all = grown;
        return fresh;
    }

    /** Moves the counts of threads that have ended into the totals, and lets their cells go. */
    private void foldEnded() {
        boolean anyEnded = false;
        for (Cells c : all) {
            anyEnded |= c.ended();
        }
        if (!anyEnded) {
            return; // the common case, and every exact read asks: no copy of the list for nothing
        }
        List<Cells> alive = new ArrayList<>(all.length);
        long live = 0;
        for (Cells c : all) {
            if (!c.ended()) {
                alive.add(c);
                continue;
            }
            add(endedEvents, c.events);
            add(endedPairings, c.pairings);
            long[] sites = c.sites;
            if (sites.length > endedSites.length) {
                endedSites = Arrays.copyOf(endedSites, sites.length);
            }
            add(endedSites, sites);
            live += c.live[0];
        }
        if (alive.size() != all.length) {
            endedLive += live; // before the cells leave the array: a lock-free read may count them twice, not never
            all = alive.toArray(new Cells[0]);
        }
    }

    private static void add(long[] into, long[] from) {
        for (int i = 0; i < from.length; i++) {
            into[i] += (long) LONGS.getOpaque(from, i);
        }
    }

    private static void bump(long[] cells, int index, long delta) {
        LONGS.setOpaque(cells, index, (long) LONGS.get(cells, index) + delta);
    }
}
