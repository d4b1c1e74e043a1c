package org.reftrace.inet;

/**
 * {@code include/net/dst.h}: references on {@link DstEntry}s, one static function per kernel function
 * ({@code import static org.reftrace.inet.Dst.*}).
 *
 * <table>
 * <caption>References</caption>
 * <tr><th>function</th><th>what it does to the count</th></tr>
 * <tr><td>{@code new Rtable(dev, daddr)}, {@code new Rt6Info(...)}</td><td>alloc: refcnt 1, the caller's</td></tr>
 * <tr><td>{@link #dstHold}</td><td>+1 (a dst that already reached 0 is a use after free)</td></tr>
 * <tr><td>{@link #dstHoldSafe}</td><td>+1 unless it already reached 0; returns whether it took one</td></tr>
 * <tr><td>{@link #dstRelease}</td><td>-1; the last frees after a grace period (puts the device)</td></tr>
 * <tr><td>{@link #dstReleaseImmediate}</td><td>-1; the last frees at once</td></tr>
 * <tr><td>{@link #dstDevPut}</td><td>no change: moves the entry's device reference to {@code lo}</td></tr>
 * </table>
 */
public final class Dst {
    private Dst() {}

    /** {@code dst_hold(dst)}: {@code WARN_ON(!rcuref_get())}. */
    public static void dstHold(DstEntry dst) {
        dst.inc("dst_hold");
    }

    /** {@code dst_hold_safe(dst)}: takes a reference only if the entry is not already dead. */
    public static boolean dstHoldSafe(DstEntry dst) {
        return dst.incNotZero("dst_hold_safe");
    }

    /** {@code dst_release(dst)}: NULL-safe; the last put frees from an RCU callback ({@code dst_destroy_rcu}). */
    public static void dstRelease(DstEntry dst) {
        if (dst != null && dst.decAndTest("dst_release")) {
            dst.kernel().rcu().callRcu(dst::destroy);
        }
    }

    /** {@code dst_release_immediate(dst)}: NULL-safe; the last put frees at once. */
    public static void dstReleaseImmediate(DstEntry dst) {
        if (dst != null && dst.decAndTest("dst_release_immediate")) {
            dst.destroy();
        }
    }

    /**
     * {@code dst_dev_put(dst)}: marks the entry dead and points it at the loopback device, so that whoever still
     * holds it no longer pins its device. Differs: since v5.4 the kernel uses {@code blackhole_netdev}.
     */
    public static void dstDevPut(DstEntry dst) {
        if (dst.live("dst_dev_put")) {
            dst.devPut();
        }
    }
}
