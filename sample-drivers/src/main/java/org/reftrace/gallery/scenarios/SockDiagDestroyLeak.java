package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.inet.Sock;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.stack.InetDiag;
import org.reftrace.stack.IpStack;
import org.reftrace.stack.Tcp;

/**
 * d7226c7a4dd1 "net: diag: Fix refcnt leak in error path destroying socket" (2016), fixing c1e64e298b8c "net:
 * diag: Support destroying TCP sockets". A socket → dst chain: the leaked socket keeps its route.
 */
public final class SockDiagDestroyLeak extends AbstractScenario {

    public SockDiagDestroyLeak() {
        super("sock-diag-destroy-leak", List.of("d7226c7a4dd1", "c1e64e298b8c"), Outcome.MEMORY_LEAK,
                "InetDiag.inetDiagFindOneIcsk",
                "an ss -K that fails (no CAP_NET_ADMIN) leaks the reference its socket lookup took: the closed "
                        + "socket and its cached route are never freed",
                "SOCK_DESTROY (ss -K) finds the socket with a reference (inet_diag_find_one_icsk()) and asks the "
                        + "protocol to abort it; tcp_abort() dropped that reference at its end. But "
                        + "sock_diag_destroy() can fail before tcp_abort() runs: a caller without CAP_NET_ADMIN gets "
                        + "-EPERM, and the reference is never dropped. A privileged ss -K on another connection works "
                        + "and releases; the applications later close all three sockets. The one the failed request "
                        + "found is never freed, nor its cached route (pointed at lo when dummy0 goes): kmemleak "
                        + "finds the closed socket. d7226c7a4dd1 makes tcp_diag_destroy() drop the reference in every "
                        + "case and removes the put from tcp_abort().");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        Tcp tcp = ctx.load(new Tcp(ip));
        InetDiag diag = new InetDiag(tcp);
        if (ctx.buggy()) {
            tcp.setAbortRef(Tcp.AbortRef.ABORT_PUTS);
        }
        Net net = ctx.net();
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.linkSet("dummy0", true);
        ctx.ip("ip addr add 10.1.0.1/24 dev dummy0", () -> ip.inet().inetRtmNewaddr(net, "dummy0", "10.1.0.1/24"));
        ctx.say("# three TCP connections through dummy0, each caching its route");
        Sock first = tcp.connect(net, "10.1.0.2");
        Sock second = tcp.connect(net, "10.1.0.3");
        Sock third = tcp.connect(net, "10.1.0.4");
        ctx.ip("ss -K dst 10.1.0.2    # as root", () -> diag.tcpDiagDestroy(net, "10.1.0.2", true));
        ctx.ip("ss -K dst 10.1.0.3    # as an unprivileged monitoring agent",
                () -> diag.tcpDiagDestroy(net, "10.1.0.3", false));
        ctx.say("# the applications close their sockets");
        tcp.close(first);
        tcp.close(second);
        tcp.close(third);
        ctx.linkDel("dummy0");
    }
}
