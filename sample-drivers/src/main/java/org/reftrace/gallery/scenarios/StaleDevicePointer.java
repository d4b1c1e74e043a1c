package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/** An everyday use after free: a device pointer kept past rtnl without a reference, read after the device went. */
public final class StaleDevicePointer extends AbstractScenario {

    /** User code: polls link state of the devices it was told about, keeping their pointers. */
    public static final class LinkStatePoller {
        private final Map<String, NetDevice> watched = new ConcurrentHashMap<>();
        private final Map<String, Boolean> lastState = new ConcurrentHashMap<>();

        LinkStatePoller(Kernel kernel, boolean forgetOnUnregister) {
            if (forgetOnUnregister) {
                registerNetdeviceNotifier(kernel, (event, dev) -> {
                    if (event == NetdevEvent.UNREGISTER) {
                        watched.remove(dev.name(), dev);
                    }
                    return 0;
                });
            }
        }

        /** Remembers {@code name}'s device, found under rtnl with {@code __dev_get_by_name()}: no reference. */
        void watch(Net net, String name) {
            rtnlLock(net.kernel());
            try {
                NetDevice dev = __devGetByName(net, name);
                if (dev != null) {
                    watched.put(name, dev);
                }
            } finally {
                rtnlUnlock(net.kernel());
            }
        }

        /** Reads every watched device's state. */
        void poll() {
            for (Map.Entry<String, NetDevice> e : watched.entrySet()) {
                lastState.put(e.getKey(), e.getValue().isUp());
            }
        }
    }

    public StaleDevicePointer() {
        super("stale-device-pointer", List.of(), Outcome.USE_AFTER_FREE, "LinkStatePoller.poll",
                "a poller keeps device pointers found under rtnl without a reference and reads one after it was freed",
                "__dev_get_by_name() returns a device without a reference: the pointer is good only while rtnl (or an "
                        + "RCU read section) keeps the device from going away. This poller keeps such pointers and "
                        + "reads their link state later. After \"ip link del dummy0\" has waited for dummy0's "
                        + "references and freed it, the next poll reads freed memory: KASAN reports a use after free "
                        + "in the poller, while dummy1, still there, is read fine. Fix: forget a device on "
                        + "NETDEV_UNREGISTER (or hold a tracked reference, dropped there), or look it up again each "
                        + "time under rtnl or RCU.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        LinkStatePoller poller = new LinkStatePoller(ctx.kernel(), !ctx.buggy());
        for (String dev : List.of("dummy0", "dummy1")) {
            ctx.linkAdd("dummy", LinkAttrs.named(dev));
            ctx.linkSet(dev, true);
            poller.watch(ctx.net(), dev);
        }
        poller.poll();
        ctx.linkDel("dummy0");
        ctx.say("# the poller's next round");
        poller.poll();
        ctx.linkDel("dummy1");
    }
}
