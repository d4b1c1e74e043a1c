package org.reftrace.gallery;

import static org.reftrace.netdev.Dev.*;

import java.io.PrintStream;
import java.time.Duration;
import org.reftrace.drivers.Module;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevNotifier;

/**
 * What a running scenario works with: its kernel, its variant, and the steps it narrates as the shell commands
 * a kernel developer would type. Not thread-safe except {@link #kernel()}.
 */
public final class ScenarioContext {
    private final Kernel kernel;
    private final Variant variant;
    private final PrintStream out;
    private final Duration duration;

    ScenarioContext(Kernel kernel, Variant variant, PrintStream out, Duration duration) {
        this.kernel = kernel;
        this.variant = variant;
        this.out = out;
        this.duration = duration;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Net net() {
        return kernel.initNet();
    }

    public Variant variant() {
        return variant;
    }

    public boolean buggy() {
        return variant == Variant.BUGGY;
    }

    /** How long a long-running scenario should run. */
    public Duration duration() {
        return duration;
    }

    /** Prints one narrative line, e.g. a command as typed. */
    public void say(String line) {
        out.println(line);
    }

    /** {@code modprobe}: initialises the module, or fails loudly (a scenario's set-up must not fail). */
    public <M extends Module> M load(M module) {
        int err = module.init(kernel);
        if (err != 0) {
            throw new IllegalStateException("modprobe " + module.name() + ": " + Errno.name(err));
        }
        return module;
    }

    /** {@code rmmod}. */
    public void unload(Module module) {
        say("$ rmmod " + module.name());
        module.exit(kernel);
    }

    /** {@code ip link add}, narrated; returns 0 or the negative errno. */
    public int linkAdd(String kind, LinkAttrs attrs) {
        StringBuilder cmd = new StringBuilder("$ ip link add");
        if (attrs.link() != null) {
            cmd.append(" link ").append(attrs.link());
        }
        if (attrs.ifname() != null) {
            cmd.append(" name ").append(attrs.ifname());
        }
        cmd.append(" type ").append(kind);
        attrs.data().forEach((k, v) -> cmd.append(' ').append(k.equals("peer") ? "peer name" : k).append(' ').append(v));
        say(cmd.toString());
        int err = rtnlNewlink(net(), kind, attrs);
        if (err != 0) {
            say("RTNETLINK answers: " + Errno.name(err));
        }
        return err;
    }

    /** {@code ip link del}, narrated. */
    public int linkDel(String name) {
        say("$ ip link del " + name);
        int err = rtnlDellink(net(), name);
        if (err != 0) {
            say("RTNETLINK answers: " + Errno.name(err));
        }
        return err;
    }

    /** The listed device of that name in init_net, without taking a reference, or {@code null}. */
    public NetDevice device(String name) {
        rtnlLock(kernel);
        try {
            return __devGetByName(net(), name);
        } finally {
            rtnlUnlock(kernel);
        }
    }

    /** {@code ip link set NAME up} or {@code down}, narrated. */
    public int linkSet(String name, boolean up) {
        say("$ ip link set " + name + (up ? " up" : " down"));
        NetDevice dev = device(name);
        if (dev == null) {
            return -Errno.ENODEV;
        }
        rtnlLock(kernel);
        try {
            if (up) {
                return devOpen(dev);
            }
            devClose(dev);
            return 0;
        } finally {
            rtnlUnlock(kernel);
        }
    }

    /**
     * Fault injection: a notifier that vetoes {@code event} for the device named {@code devName}, as another
     * subsystem refusing the device would.
     */
    public NetdevNotifier veto(NetdevEvent event, String devName) {
        NetdevNotifier notifier = (e, dev) -> e == event && dev.name().equals(devName) ? -Errno.EBUSY : 0;
        registerNetdeviceNotifier(kernel, notifier);
        return notifier;
    }
}
