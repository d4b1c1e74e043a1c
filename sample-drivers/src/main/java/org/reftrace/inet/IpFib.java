package org.reftrace.inet;

/**
 * {@code include/net/ip_fib.h}: references on IPv4 route entries ({@link FibInfo}).
 *
 * <table>
 * <caption>References</caption>
 * <tr><th>function</th><th>what it does to the count</th></tr>
 * <tr><td>{@code new FibInfo(...)}</td><td>alloc: refcnt 1, the routing table's</td></tr>
 * <tr><td>{@link #fibInfoHold}</td><td>+1</td></tr>
 * <tr><td>{@link #fibInfoPut}</td><td>-1; the last frees after a grace period</td></tr>
 * </table>
 */
public final class IpFib {
    private IpFib() {}

    /** {@code fib_info_hold(fi)}. */
    public static void fibInfoHold(FibInfo fi) {
        fi.inc("fib_info_hold");
    }

    /** {@code fib_info_put(fi)}: the last put runs {@code free_fib_info()}. */
    public static void fibInfoPut(FibInfo fi) {
        if (fi.decAndTest("fib_info_put")) {
            fi.free();
        }
    }
}
