package org.reftrace.gallery;

import static org.reftrace.netdev.Dev.*;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.reftrace.drivers.Module;
import org.reftrace.netdev.Dev;
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
        return linkAdd(net(), kind, attrs);
    }

    /** {@code ip [-n NS] link add} in {@code net}, narrated; returns 0 or the negative errno. */
    public int linkAdd(Net net, String kind, LinkAttrs attrs) {
        StringBuilder cmd = new StringBuilder("$ ip" + netnsOption(net) + " link add");
        if (attrs.link() != null) {
            cmd.append(" link ").append(attrs.link());
        }
        if (attrs.ifname() != null) {
            cmd.append(" name ").append(attrs.ifname());
        }
        cmd.append(" type ").append(kind);
        attrs.data().forEach((k, v) -> cmd.append(' ').append(k.equals("peer") ? "peer name" : k).append(' ').append(v));
        say(cmd.toString());
        int err = rtnlNewlink(net, kind, attrs);
        if (err != 0) {
            say("RTNETLINK answers: " + Errno.name(err));
        }
        return err;
    }

    /** {@code ip link del}, narrated. */
    public int linkDel(String name) {
        return linkDel(net(), name);
    }

    /** {@code ip [-n NS] link del} in {@code net}, narrated. */
    public int linkDel(Net net, String name) {
        say("$ ip" + netnsOption(net) + " link del " + name);
        int err = rtnlDellink(net, name);
        if (err != 0) {
            say("RTNETLINK answers: " + Errno.name(err));
        }
        return err;
    }

    /** The listed device of that name in init_net, without taking a reference, or {@code null}. */
    public NetDevice device(String name) {
        return device(net(), name);
    }

    /** The listed device of that name in {@code net}, without taking a reference, or {@code null}. */
    public NetDevice device(Net net, String name) {
        rtnlLock(kernel);
        try {
            return __devGetByName(net, name);
        } finally {
            rtnlUnlock(kernel);
        }
    }

    /** {@code ip link set NAME up} or {@code down}, narrated. */
    public int linkSet(String name, boolean up) {
        return linkSet(net(), name, up);
    }

    /** {@code ip [-n NS] link set NAME up|down} in {@code net}, narrated. */
    public int linkSet(Net net, String name, boolean up) {
        say("$ ip" + netnsOption(net) + " link set " + name + (up ? " up" : " down"));
        NetDevice dev = device(net, name);
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

    /** {@code ip netns add NAME}, narrated. */
    public Net netnsAdd(String name) {
        say("$ ip netns add " + name);
        Net net = Dev.netnsAdd(kernel, name);
        if (net == null) {
            throw new IllegalStateException("ip netns add " + name + ": the namespace exists");
        }
        return net;
    }

    /** {@code ip netns del NAME}, narrated: returns when every device of the namespace is freed (or never). */
    public void netnsDel(Net net) {
        say("$ ip netns del " + net.name());
        Dev.netnsDel(net);
        // ip netns del returns at once; cleanup_net() runs on the netns kworker. The scenario waits for it, as
        // a script polling "ip netns list" would, so that its outcome includes the dismantling (or its hang).
        Dev.flushWorkqueue(kernel.netnsWq());
    }

    /**
     * Any other command, narrated as typed: runs {@code request} (a handler returning 0 or a negative errno) and
     * prints the error as {@code ip} does. Returns what the handler returned.
     */
    public int ip(String command, IntSupplier request) {
        say("$ " + command);
        int err = request.getAsInt();
        if (err != 0) {
            say("RTNETLINK answers: " + Errno.name(err));
        }
        return err;
    }

    private String netnsOption(Net net) {
        return net == net() ? "" : " -n " + net.name();
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
