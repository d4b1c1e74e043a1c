package org.reftrace.inet;

/**
 * {@code include/net/ip6_fib.h}: references on IPv6 route entries ({@link Fib6Info}).
 *
 * <table>
 * <caption>References</caption>
 * <tr><th>function</th><th>what it does to the count</th></tr>
 * <tr><td>{@code new Fib6Info(...)}</td><td>alloc: refcnt 1, the caller's (then the table's)</td></tr>
 * <tr><td>{@link #fib6InfoHold}</td><td>+1</td></tr>
 * <tr><td>{@link #fib6InfoHoldSafe}</td><td>+1 unless already 0; returns whether</td></tr>
 * <tr><td>{@link #fib6InfoRelease}</td><td>-1; the last frees after a grace period</td></tr>
 * </table>
 */
public final class Ip6Fib {
    private Ip6Fib() {}

    /** {@code fib6_info_hold(f6i)}. */
    public static void fib6InfoHold(Fib6Info f6i) {
        f6i.inc("fib6_info_hold");
    }

    /** {@code fib6_info_hold_safe(f6i)}. */
    public static boolean fib6InfoHoldSafe(Fib6Info f6i) {
        return f6i.incNotZero("fib6_info_hold_safe");
    }

    /** {@code fib6_info_release(f6i)}: NULL-safe; the last put frees from an RCU callback. */
    public static void fib6InfoRelease(Fib6Info f6i) {
        if (f6i != null && f6i.decAndTest("fib6_info_release")) {
            f6i.kernel().rcu().callRcu(f6i::destroyRcu);
        }
    }
}
