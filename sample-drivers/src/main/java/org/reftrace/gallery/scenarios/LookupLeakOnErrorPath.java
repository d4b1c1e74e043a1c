package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;

/** An everyday leak: a dev_get_by_name() reference never put on an error path. */
public final class LookupLeakOnErrorPath extends AbstractScenario {

    /** User code: sets a device's MTU by name, taking a reference for the duration. */
    public static final class LinkConfigurator {
        private final boolean putOnError;
        private final java.util.Map<String, Integer> mtus = new java.util.concurrent.ConcurrentHashMap<>();

        LinkConfigurator(boolean putOnError) {
            this.putOnError = putOnError;
        }

        int setMtu(Net net, String name, int mtu) {
            NetDevice dev = devGetByName(net, name);
            if (dev == null) {
                return -Errno.ENODEV;
            }
            if (mtu < 68) {
                if (putOnError) {
                    devPut(dev);
                }
                return -Errno.EINVAL;
            }
            mtus.put(dev.name(), mtu);
            devPut(dev);
            return 0;
        }
    }

    public LookupLeakOnErrorPath() {
        super("lookup-leak-error-path", List.of(), Outcome.HANG, "LinkConfigurator.setMtu",
                "a dev_get_by_name() reference is never put when validation fails",
                "The most common leak in driver code: a lookup that takes a reference, then an early return on an "
                        + "error path that forgets the dev_put(). Nothing goes wrong until the device is deleted; "
                        + "then unregistration waits forever for a reference whose holder returned long ago. Fix: "
                        + "put on every path (or use a tracked lookup so the report names the holder).");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        LinkConfigurator configurator = new LinkConfigurator(!ctx.buggy());
        ctx.linkAdd("dummy", LinkAttrs.named("dummy0"));
        ctx.say("$ ip link set dummy0 mtu 9000");
        configurator.setMtu(ctx.net(), "dummy0", 9000);
        ctx.say("$ ip link set dummy0 mtu 40");
        int err = configurator.setMtu(ctx.net(), "dummy0", 40);
        ctx.say("Error: " + Errno.name(err) + " (mtu less than device minimum)");
        ctx.linkDel("dummy0");
    }
}
