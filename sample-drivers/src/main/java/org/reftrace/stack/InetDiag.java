package org.reftrace.stack;

import static org.reftrace.inet.Sk.*;

import org.reftrace.inet.IpAddr;
import org.reftrace.inet.Sock;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;

/**
 * {@code net/ipv4/inet_diag.c}, {@code tcp_diag.c} and {@code net/core/sock_diag.c}: {@code ss -K}
 * ({@code SOCK_DESTROY}) finds the socket with a reference ({@code inet_diag_find_one_icsk()}) and asks its
 * protocol to abort it. Who drops that reference is {@link Tcp.AbortRef}.
 */
public final class InetDiag {
    private final Tcp tcp;

    public InetDiag(Tcp tcp) {
        this.tcp = tcp;
    }

    /**
     * {@code tcp_diag_destroy()} ({@code ss -K dst ADDR}): destroys the socket connected to {@code daddr}.
     *
     * @param capNetAdmin whether the caller has {@code CAP_NET_ADMIN} in the socket's namespace
     * @return 0, {@code -ENOENT} (no such socket) or {@code -EPERM}
     */
    public int tcpDiagDestroy(Net net, String daddr, boolean capNetAdmin) {
        Sock sk = inetDiagFindOneIcsk(net, IpAddr.of(daddr));
        if (sk == null) {
            return -Errno.ENOENT;
        }
        int err = sockDiagDestroy(sk, capNetAdmin);
        if (tcp.abortRef() == Tcp.AbortRef.CALLER_PUTS) {
            sockPut(sk);
        }
        return err;
    }

    /** {@code inet_diag_find_one_icsk()}: the socket with a reference, or {@code null}. */
    Sock inetDiagFindOneIcsk(Net net, IpAddr daddr) {
        return tcp.inetLookupEstablished(net, daddr);
    }

    /** {@code sock_diag_destroy(sk, ECONNABORTED)}. */
    private int sockDiagDestroy(Sock sk, boolean capNetAdmin) {
        if (!capNetAdmin) {
            return -Errno.EPERM;
        }
        return tcp.tcpAbort(sk);
    }
}
