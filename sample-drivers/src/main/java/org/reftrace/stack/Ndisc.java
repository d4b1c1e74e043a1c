package org.reftrace.stack;

import static org.reftrace.inet.Addrconf.*;

import org.reftrace.inet.Inet6Dev;
import org.reftrace.inet.Inet6Ifaddr;
import org.reftrace.inet.IpAddr;
import org.reftrace.netdev.NetDevice;

/**
 * {@code net/ipv6/ndisc.c}: the neighbour discovery messages {@link Inet6} reacts to. Part of {@link Inet6}.
 * Messages arrive as calls, on whatever thread the caller is (a softirq, in the kernel).
 */
public final class Ndisc {
    private final Inet6 inet6;

    Ndisc(Inet6 inet6) {
        this.inet6 = inet6;
    }

    /**
     * {@code ndisc_recv_ns()}: a neighbour solicitation for {@code target} arrived on {@code dev}. For a tentative
     * address of ours it is a duplicate: DAD fails ({@code addrconf_dad_failure()}, which is handed the
     * reference the lookup took); otherwise we would answer, and the reference is put.
     */
    public void ndiscRecvNs(NetDevice dev, String target) {
        Inet6Ifaddr ifp = ipv6GetIfaddr(dev.net(), IpAddr.of(target), dev);
        if (ifp == null) {
            return;
        }
        if (ifp.isTentative() && !ifp.isDadFailed()) {
            inet6.addrconfDadFailure(ifp);
            return;
        }
        in6IfaPut(ifp);
    }

    /** {@code ndisc_router_discovery()}: a router advertisement arrived on {@code dev} ({@code IF_RA_RCVD}). */
    public void ndiscRouterDiscovery(NetDevice dev) {
        Inet6Dev idev = __in6DevGet(dev);
        if (idev != null) {
            inet6.routerAdvertisementReceived(idev);
        }
    }
}
