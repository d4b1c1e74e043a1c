package org.reftrace.inet;

import org.reftrace.netdev.Net;

/**
 * {@code include/net/sock.h}: socket references and the socket's route cache
 * ({@code import static org.reftrace.inet.Sk.*}).
 *
 * <table>
 * <caption>References</caption>
 * <tr><th>function</th><th>what it does to the count</th></tr>
 * <tr><td>{@link #skAlloc}</td><td>alloc: a socket with refcnt 1</td></tr>
 * <tr><td>{@link #sockHold} / {@link #sockPut}</td><td>+1 / -1 on the socket; the last frees it (releasing its dst)</td></tr>
 * <tr><td>{@link #__sockPut}</td><td>-1 that must not be the last</td></tr>
 * <tr><td>{@link #skDstSet}, {@link #__skDstSet}</td><td>the caller's dst reference goes to the socket (argument
 * 1); the one it replaces is released</td></tr>
 * <tr><td>{@link #skDstGet}</td><td>lookup: the cached dst with a reference, or null</td></tr>
 * <tr><td>{@link #__skDstGet}</td><td>no reference</td></tr>
 * <tr><td>{@link #skDstReset}, {@link #__skDstReset}, {@link #__skDstCheck}</td><td>release the cached dst</td></tr>
 * </table>
 */
public final class Sk {
    private Sk() {}

    /**
     * {@code sk_alloc(net, family, ...)}: a new socket with one reference, the caller's.
     *
     * @param protocol for reports, e.g. {@code tcp}
     */
    public static Sock skAlloc(Net net, AddressFamily family, String protocol) {
        return new Sock(net, family, protocol);
    }

    /** {@code sock_hold(sk)}. */
    public static void sockHold(Sock sk) {
        sk.inc("sock_hold");
    }

    /** {@code sock_put(sk)}: the last put runs {@code sk_free()}. */
    public static void sockPut(Sock sk) {
        if (sk.decAndTest("sock_put")) {
            sk.destruct();
        }
    }

    /**
     * {@code refcount_inc_not_zero(&sk->sk_refcnt)}, as socket lookups ({@code __inet_lookup_established()}) take
     * the reference they return: it belongs to the caller of the lookup, which is where a profile should see it
     * (the lookup is declared, not this). False for a socket on its way out.
     */
    public static boolean sockRefcountIncNotZero(Sock sk) {
        return sk.incNotZero("refcount_inc_not_zero");
    }

    /** {@code __sock_put(sk)}: {@code refcount_dec()}; the caller knows it is not the last reference. */
    public static void __sockPut(Sock sk) {
        sk.dec("__sock_put");
    }

    /** {@code sock_orphan(sk)}: {@code SOCK_DEAD}; the file's reference is about to go. */
    public static void sockOrphan(Sock sk) {
        sk.setDead();
    }

    /** {@code sk_dst_set(sk, dst)}: the socket takes over the caller's reference on {@code dst}. */
    public static void skDstSet(Sock sk, DstEntry dst) {
        if (!sk.live("sk_dst_set")) {
            return;
        }
        DstEntry old;
        synchronized (sk) {
            old = sk.dstCache;
            sk.dstCache = dst;
        }
        Dst.dstRelease(old);
    }

    /** {@code __sk_dst_set(sk, dst)}: as {@link #skDstSet}, under the socket lock. */
    public static void __skDstSet(Sock sk, DstEntry dst) {
        skDstSet(sk, dst);
    }

    /** {@code __sk_dst_get(sk)}: the cached dst, no reference. */
    public static DstEntry __skDstGet(Sock sk) {
        return sk.dstCache;
    }

    /** {@code sk_dst_get(sk)}: the cached dst with a reference the caller must release, or null. */
    public static DstEntry skDstGet(Sock sk) {
        DstEntry dst = sk.dstCache;
        return dst != null && dst.incNotZero("sk_dst_get") ? dst : null;
    }

    /** {@code sk_dst_reset(sk)}: drops the cached dst (releasing the socket's reference). */
    public static void skDstReset(Sock sk) {
        skDstSet(sk, null);
    }

    /** {@code __sk_dst_reset(sk)}: as {@link #skDstReset}, under the socket lock. */
    public static void __skDstReset(Sock sk) {
        skDstSet(sk, null);
    }

    /**
     * {@code __sk_dst_check(sk, cookie)}: the cached dst if still valid (no reference), else drops it and
     * returns null. Differs: validity is {@code dst->obsolete} being dead; there are no cookies.
     */
    public static DstEntry __skDstCheck(Sock sk) {
        DstEntry dst = sk.dstCache;
        if (dst != null && dst.obsolete() == DstEntry.DST_OBSOLETE_DEAD) {
            __skDstReset(sk);
            return null;
        }
        return dst;
    }
}
