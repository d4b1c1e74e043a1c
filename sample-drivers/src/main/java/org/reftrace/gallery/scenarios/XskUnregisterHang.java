package org.reftrace.gallery.scenarios;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.stack.Xsk;

/**
 * 455302d1c9ae "xdp: fix hang while unregistering device bound to xdp socket" (2019). A socket that holds a device
 * with no NETDEV_UNREGISTER handler, among sockets that let go.
 */
public final class XskUnregisterHang extends AbstractScenario {

    public XskUnregisterHang() {
        super("xsk-unregister-hang", List.of("455302d1c9ae"), Outcome.HANG, "XdpSock.xskBind",
                "AF_XDP sockets hold their device until closed: deleting the device waits for the application",
                "xsk_bind() takes a reference on the device it binds to (dev_get_by_index()) and xsk_release() drops "
                        + "it; nothing else did. An application with sockets bound to two queues of dummy0 and one of "
                        + "dummy1 closes the dummy1 one; then \"ip link del dummy0\" hangs in netdev_wait_all_refs() "
                        + "(\"waiting for dummy0 to become free\") until the application exits. 455302d1c9ae adds a "
                        + "netdevice notifier that unbinds every socket of a device on NETDEV_UNREGISTER (the socket "
                        + "then reports ENETDOWN), so the device can go while the application still runs.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        Xsk xsk = ctx.load(new Xsk());
        if (ctx.buggy()) {
            xsk.setUnbind(Xsk.Unbind.ON_RELEASE_ONLY);
        }
        for (String dev : List.of("dummy0", "dummy1")) {
            ctx.linkAdd("dummy", LinkAttrs.named(dev));
            ctx.linkSet(dev, true);
        }
        ctx.say("# an AF_XDP application binds three sockets: queues 0 and 1 of dummy0, queue 0 of dummy1");
        Xsk.XdpSock rx0 = xsk.socket(ctx.net());
        Xsk.XdpSock rx1 = xsk.socket(ctx.net());
        Xsk.XdpSock other = xsk.socket(ctx.net());
        rx0.xskBind("dummy0", 0);
        rx1.xskBind("dummy0", 1);
        other.xskBind("dummy1", 0);
        ctx.say("# the application closes its dummy1 socket");
        other.xskRelease();
        ctx.linkDel("dummy0");
        ctx.say("# the application exits");
        rx0.xskRelease();
        rx1.xskRelease();
        ctx.linkDel("dummy1");
    }
}
