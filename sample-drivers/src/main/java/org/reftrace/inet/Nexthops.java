package org.reftrace.inet;

/**
 * {@code include/net/nexthop.h}: references on {@link Nexthop} objects
 * ({@code import static org.reftrace.inet.Nexthops.*}).
 *
 * <table>
 * <caption>References</caption>
 * <tr><th>function</th><th>what it does to the count</th></tr>
 * <tr><td>{@code new Nexthop(...)}</td><td>alloc: refcnt 1, the nexthop tree's</td></tr>
 * <tr><td>{@link #nexthopGet}</td><td>+1 unless already 0 ({@code refcount_inc_not_zero}); returns whether</td></tr>
 * <tr><td>{@link #nexthopPut}</td><td>-1; the last frees after a grace period (puts the device)</td></tr>
 * </table>
 */
public final class Nexthops {
    private Nexthops() {}

    /** {@code nexthop_get(nh)}: {@code refcount_inc_not_zero()}; false for a nexthop on its way out. */
    public static boolean nexthopGet(Nexthop nh) {
        return nh.incNotZero("nexthop_get");
    }

    /** {@code nexthop_put(nh)}: the last put frees from an RCU callback ({@code nexthop_free_rcu()}). */
    public static void nexthopPut(Nexthop nh) {
        if (nh.decAndTest("nexthop_put")) {
            nh.kernel().rcu().callRcu(nh::freeRcu);
        }
    }
}
