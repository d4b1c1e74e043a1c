package org.reftrace.inet;

import org.reftrace.netdev.Net;

/**
 * {@code struct sock}: a socket's network half. <b>Holds</b> its cached route ({@link #dstCache},
 * {@code sk_dst_cache}), set with {@link Sk#skDstSet} (which hands the caller's dst reference to the socket).
 * <b>Held by</b> whoever made it (the reference it starts with, dropped when the file is closed) and by lookups,
 * timers and tables that find it ({@link Sk#sockHold}). The last put ({@link Sk#sockPut}) frees it
 * ({@code sk_free()} → {@code __sk_destruct()}): the cached dst is released, so a socket nobody puts pins its
 * route's device, or {@code lo} once the route was flushed. A socket closed ({@link Sk#sockOrphan}) and never
 * freed is a memory leak the model's kmemleak reports; an open one is not (its file still refers to it).
 */
public final class Sock extends Refcounted {
    final Net net;
    final AddressFamily family;
    final String protocol;
    /** {@code sk_dst_cache}. */
    volatile DstEntry dstCache;
    private volatile boolean dead;
    private volatile String label;
    /** Model-only: once orphaned, only references keep the socket; kmemleak reports it if they never go. */
    private volatile org.reftrace.netdev.Kmem.Allocation orphaned;

    /** {@code sk_alloc()}: refcnt 1. */
    Sock(Net net, AddressFamily family, String protocol) {
        super(net.kernel(), 1);
        this.net = net;
        this.family = family;
        this.protocol = protocol;
    }

    @Override
    public String name() {
        String l = label;
        return "sock(" + protocol + (l != null ? " " + l : "") + ")";
    }

    /** A description shown in the name, e.g. the connected peer. */
    public void setLabel(String label) {
        this.label = label;
    }

    /** {@code sock_net(sk)}. */
    public Net net() {
        return net;
    }

    public AddressFamily family() {
        return family;
    }

    /** {@code sock_flag(sk, SOCK_DEAD)}: orphaned from its file. */
    public boolean isDead() {
        return dead;
    }

    void setDead() {
        if (!dead) {
            dead = true;
            orphaned = kernel().kmem().kmalloc(name() + " (closed, not yet freed)");
        }
    }

    /** {@code __sk_destruct()} → {@code inet_sock_destruct()}: releases the cached dst, then the memory. */
    void destruct() {
        DstEntry dst = dstCache;
        dstCache = null;
        Dst.dstRelease(dst);
        org.reftrace.netdev.Kmem.Allocation memory = orphaned;
        if (memory != null) {
            memory.kfree();
        }
        markFreed();
    }
}
