package org.reftrace.inet;

import org.reftrace.netdev.NetDevice;

/**
 * {@code include/net/neighbour.h}: neighbour entries and their references
 * ({@code import static org.reftrace.inet.Neigh.*}).
 *
 * <table>
 * <caption>References</caption>
 * <tr><th>function</th><th>what it does to the count</th></tr>
 * <tr><td>{@link #neighLookup}</td><td>lookup: the entry with a reference, or null</td></tr>
 * <tr><td>{@link #neighCreate}</td><td>lookup or create: the entry with a reference (a new one also gets the
 * table's)</td></tr>
 * <tr><td>{@link #__neighLookup}</td><td>either of the above</td></tr>
 * <tr><td>{@link #neighHold} / {@link #neighRelease}</td><td>+1 / -1; the last destroys (puts the device)</td></tr>
 * <tr><td>{@link #neighIfdown}, {@link #neighRemoveOne}</td><td>the table drops its references</td></tr>
 * </table>
 */
public final class Neigh {
    private Neigh() {}

    /** {@code neigh_lookup(tbl, pkey, dev)}: the entry with a reference ({@code refcount_inc_not_zero}), or null. */
    public static Neighbour neighLookup(NeighTable tbl, IpAddr key, NetDevice dev) {
        Neighbour n = tbl.find(key, dev);
        return n != null && n.incNotZero("neigh_lookup") ? n : null;
    }

    /**
     * {@code __neigh_create(tbl, pkey, dev, want_ref=true)}: the entry for {@code key} on {@code dev}, made and
     * linked if there is none, with a reference for the caller.
     */
    public static Neighbour neighCreate(NeighTable tbl, IpAddr key, NetDevice dev) {
        while (true) {
            Neighbour existing = neighLookup(tbl, key, dev);
            if (existing != null) {
                return existing;
            }
            Neighbour n = new Neighbour(tbl, key, dev);
            if (tbl.link(n) == n) {
                n.inc("neigh_hold"); // want_ref
                return n;
            }
            n.setDead(true); // lost the race: drop the one we made
            neighRelease(n);
        }
    }

    /** {@code __neigh_lookup(tbl, pkey, dev, creat)}: {@link #neighLookup}, or {@link #neighCreate} if {@code creat}. */
    public static Neighbour __neighLookup(NeighTable tbl, IpAddr key, NetDevice dev, boolean creat) {
        Neighbour n = neighLookup(tbl, key, dev);
        return n != null || !creat ? n : neighCreate(tbl, key, dev);
    }

    /** {@code neigh_hold(n)}. */
    public static void neighHold(Neighbour n) {
        n.inc("neigh_hold");
    }

    /** {@code neigh_release(n)}: the last put runs {@code neigh_destroy()}. */
    public static void neighRelease(Neighbour n) {
        if (n.decAndTest("neigh_release")) {
            n.destroy();
        }
    }

    /**
     * {@code neigh_remove_one(n)} (for {@code ip neigh del}): unlinks the entry, marks it dead and drops the
     * table's reference. Returns whether it was listed.
     */
    public static boolean neighRemoveOne(Neighbour n) {
        if (!n.tbl.unlink(n)) {
            return false;
        }
        n.setDead(true);
        neighRelease(n);
        return true;
    }

    /**
     * {@code neigh_ifdown(tbl, dev)}: every entry on {@code dev} is unlinked and dead and loses the table's
     * reference; an entry someone else holds ("the most unpleasant situation") keeps its device until released.
     */
    public static void neighIfdown(NeighTable tbl, NetDevice dev) {
        for (Neighbour n : tbl.onDevice(dev)) {
            neighRemoveOne(n);
        }
    }
}
