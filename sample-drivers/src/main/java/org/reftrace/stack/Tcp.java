package org.reftrace.stack;

import static org.reftrace.inet.Sk.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.drivers.Module;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.DstEntry;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.Sock;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.Net;

/**
 * TCP sockets as the routing and diagnostic code sees them ({@code net/ipv4/tcp_ipv4.c}, {@code tcp_ipv6.c},
 * {@code inet_hashtables.c}): a connected socket caches its route ({@code sk_dst_set()}, the route lookup's
 * reference handed to the socket) and is in its namespace's established table, which holds no reference:
 * lookups take one ({@code refcount_inc_not_zero}). Closing it orphans it and drops the file's reference; the
 * last put frees it and releases its route.
 *
 * <p>Differs: one socket per peer address, no ports, states or data; retransmission timeouts happen when
 * {@link #tcpWriteTimeout} is called.
 */
public final class Tcp implements Module {

    /** Who drops the diag lookup's reference when a socket is destroyed from {@code ss -K}. */
    public enum AbortRef {
        /** d7226c7a4dd1: {@code tcp_diag_destroy()}, whatever {@code sock_diag_destroy()} returned. */
        CALLER_PUTS,
        /** Before d7226c7a4dd1: {@code tcp_abort()}, so an error before it is reached leaks the reference. */
        ABORT_PUTS
    }

    private final Fib fib;
    private final Ip6Route ip6Route;
    private final Map<Net, List<Sock>> established = new ConcurrentHashMap<>();
    private final Map<Sock, IpAddr> peers = new ConcurrentHashMap<>();
    private volatile AbortRef abortRef = AbortRef.CALLER_PUTS;

    public Tcp(Fib fib, Ip6Route ip6Route) {
        this.fib = fib;
        this.ip6Route = ip6Route;
    }

    /** For callers that load {@link IpStack}. */
    public Tcp(IpStack ip) {
        this(ip.fib(), ip.ip6Route());
    }

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public int init(Kernel kernel) {
        return 0;
    }

    @Override
    public void exit(Kernel kernel) {}

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setAbortRef(AbortRef ref) {
        abortRef = ref;
    }

    AbortRef abortRef() {
        return abortRef;
    }

    /**
     * {@code connect()} ({@code tcp_v4_connect()} / {@code tcp_v6_connect()}): a socket connected to
     * {@code daddr}, holding its route, in the established table; the caller holds the file's reference. Returns
     * {@code null} without a route ({@code -ENETUNREACH}).
     */
    public Sock connect(Net net, String daddr) {
        IpAddr peer = IpAddr.of(daddr);
        DstEntry dst = peer.family() == AddressFamily.INET ? fib.ipRouteOutputKey(net, peer)
                : ip6Route.ip6RouteOutput(net, peer);
        if (dst == null) {
            return null;
        }
        Sock sk = skAlloc(net, peer.family(), "tcp");
        sk.setLabel("to " + peer);
        skDstSet(sk, dst); // ip6_dst_store(): the lookup's reference is the socket's now
        peers.put(sk, peer);
        table(net).add(sk); // inet_hash_connect()
        return sk;
    }

    /** {@code inet_lookup_established()}: the socket connected to {@code daddr} with a reference, or null. */
    public Sock inetLookupEstablished(Net net, IpAddr daddr) {
        for (Sock sk : table(net)) {
            if (daddr.equals(peers.get(sk)) && sockRefcountIncNotZero(sk)) {
                return sk;
            }
        }
        return null;
    }

    /**
     * {@code tcp_write_timeout()}: retransmissions time out, so the route may be stale:
     * {@code __dst_negative_advice()} asks the route's family what to do with the socket's cached dst.
     */
    public void tcpWriteTimeout(Sock sk) {
        DstEntry dst = __skDstGet(sk);
        if (dst == null) {
            return;
        }
        if (sk.family() == AddressFamily.INET6) {
            ip6Route.ip6NegativeAdvice(sk, dst);
        } else if (dst.obsolete() != 0) {
            skDstReset(sk); // ipv4_negative_advice()
        }
    }

    /**
     * {@code tcp_abort(sk, err)}: resets the connection and unhashes the socket. With {@link AbortRef#ABORT_PUTS}
     * it also drops the reference the diag lookup took, as the code before d7226c7a4dd1 did. Returns 0.
     */
    public int tcpAbort(Sock sk) {
        unhash(sk);
        if (abortRef == AbortRef.ABORT_PUTS) {
            sockPut(sk);
        }
        return 0;
    }

    /** {@code close()} → {@code tcp_close()}: unhashes and orphans the socket and drops the file's reference. */
    public void close(Sock sk) {
        unhash(sk);
        sockOrphan(sk);
        sockPut(sk);
    }

    /** The namespace's established sockets. */
    public List<Sock> sockets(Net net) {
        return List.copyOf(table(net));
    }

    private void unhash(Sock sk) {
        table(sk.net()).remove(sk);
    }

    private List<Sock> table(Net net) {
        return established.computeIfAbsent(net, n -> new CopyOnWriteArrayList<>());
    }
}
