package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/** An everyday leak: a notifier that holds devices from NETDEV_REGISTER and ignores NETDEV_UNREGISTER. */
public final class DeafNotifier extends AbstractScenario {

    /** User code: keeps per-device traffic statistics, holding each device it watches. */
    public static final class TrafficMonitor {
        private final Set<NetDevice> watched = ConcurrentHashMap.newKeySet();
        private final boolean releaseOnUnregister;

        TrafficMonitor(Kernel kernel, boolean releaseOnUnregister) {
            this.releaseOnUnregister = releaseOnUnregister;
            registerNetdeviceNotifier(kernel, this::onEvent);
        }

        private int onEvent(NetdevEvent event, NetDevice dev) {
            switch (event) {
                case REGISTER -> watch(dev);
                case DOWN -> {
                    if (!releaseOnUnregister) {
                        unwatch(dev); // the bug: a device that never went up is never released
                    }
                }
                case UNREGISTER -> {
                    if (releaseOnUnregister) {
                        unwatch(dev);
                    }
                }
                default -> { }
            }
            return 0;
        }

        private void watch(NetDevice dev) {
            if (watched.add(dev)) {
                devHold(dev);
            }
        }

        private void unwatch(NetDevice dev) {
            if (watched.remove(dev)) {
                devPut(dev);
            }
        }
    }

    public DeafNotifier() {
        super("deaf-notifier", List.of(), Outcome.HANG, "TrafficMonitor.watch",
                "a notifier holds every device from NETDEV_REGISTER but lets go only on NETDEV_DOWN",
                "NETDEV_UNREGISTER is the one event every holder must handle: a device can be deleted without ever "
                        + "going up or down. This monitor releases its reference when a device goes down, which "
                        + "covers dummy0 (brought up, then down) but not dummy1, which was never up: deleting it "
                        + "hangs. Fix: drop the reference in NETDEV_UNREGISTER, idempotently.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        new TrafficMonitor(ctx.kernel(), !ctx.buggy());
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.linkAdd("dummy", LinkAttrs.named("dummy1"));
        ctx.linkSet("dummy0", true);
        ctx.linkSet("dummy0", false);
        ctx.linkDel("dummy0");
        ctx.linkDel("dummy1");
    }
}
