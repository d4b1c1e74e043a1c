package org.reftrace.replay;

import static org.reftrace.netdev.Dev.*;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reftrace.drivers.Bridge;
import org.reftrace.drivers.Dummy;
import org.reftrace.drivers.Macvlan;
import org.reftrace.drivers.Module;
import org.reftrace.drivers.Sit;
import org.reftrace.drivers.Veth;
import org.reftrace.drivers.Vlan;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelBug;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;

/**
 * Runs a parsed reproducer against the netdev model, the way the commands would run against a kernel: link
 * types load their module on first use (as {@code request_module} does), {@code rmmod} runs the module's exit.
 * Each command runs on a thread named after its script line, so every reference it takes is traced back to it.
 *
 * <p>Not thread-safe: one script, one thread.
 */
public final class Replayer {
    private final Kernel kernel;
    private final ReplayQuirks quirks;
    private final PrintStream out;
    private final Map<String, Module> loaded = new LinkedHashMap<>();

    public Replayer(Kernel kernel, ReplayQuirks quirks, PrintStream out) {
        this.kernel = kernel;
        this.quirks = quirks;
        this.out = out;
    }

    public void run(List<ScriptCommand> commands) {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        for (ScriptCommand command : commands) {
            out.println("$ " + command.text());
            thread.setName(command.threadName());
            try {
                execute(command);
            } catch (KernelBug bug) {
                out.println("# the command was killed by: " + bug.getMessage());
            } finally {
                thread.setName(name);
            }
        }
    }

    private void execute(ScriptCommand command) {
        Net net = command.netns() == null ? kernel.initNet() : netnsFind(kernel, command.netns());
        if (net == null) {
            out.println("Cannot open network namespace \"" + command.netns() + "\": No such file or directory");
            return;
        }
        ScriptCommand.Action action = command.action();
        if (action instanceof ScriptCommand.LinkAdd add) {
            load(ScriptParser.MODULE_OF_KIND.get(add.kind()));
            answer(rtnlNewlink(net, add.kind(), new LinkAttrs(add.name(), add.link(), add.data())));
        } else if (action instanceof ScriptCommand.LinkDel del) {
            answer(rtnlDellink(net, del.name()));
        } else if (action instanceof ScriptCommand.LinkSet set) {
            linkSet(net, set);
        } else if (action instanceof ScriptCommand.NetnsAdd add) {
            if (netnsAdd(kernel, add.name()) == null) {
                out.println("Cannot create namespace file \"/var/run/netns/" + add.name() + "\": File exists");
            }
        } else if (action instanceof ScriptCommand.NetnsDel del) {
            Net gone = netnsFind(kernel, del.name());
            if (gone == null) {
                out.println("Cannot remove namespace file \"/var/run/netns/" + del.name()
                        + "\": No such file or directory");
            } else {
                netnsDel(gone);
            }
        } else if (action instanceof ScriptCommand.ModuleLoad load) {
            load(load.module());
        } else if (action instanceof ScriptCommand.ModuleRemove remove) {
            Module module = loaded.remove(remove.module());
            if (module == null) {
                out.println("rmmod: ERROR: Module " + remove.module() + " is not currently loaded");
            } else {
                module.exit(kernel);
            }
        }
    }

    private void linkSet(Net net, ScriptCommand.LinkSet set) {
        rtnlLock(kernel);
        try {
            NetDevice dev = __devGetByName(net, set.name());
            if (dev == null) {
                out.println("Cannot find device \"" + set.name() + "\"");
                return;
            }
            for (String[] op : set.ops()) {
                int err = switch (op[0]) {
                    case "up" -> devOpen(dev);
                    case "down" -> {
                        devClose(dev);
                        yield 0;
                    }
                    case "master" -> {
                        NetDevice master = __devGetByName(dev.net(), op[1]);
                        Bridge bridge = (Bridge) loaded.get("bridge");
                        yield master == null ? -Errno.ENODEV
                                : bridge == null || master.rtnlLinkOps() != bridge ? -Errno.EOPNOTSUPP
                                : bridge.addInterface(master, dev);
                    }
                    case "nomaster" -> {
                        Bridge bridge = (Bridge) loaded.get("bridge");
                        yield bridge == null ? -Errno.EINVAL : bridge.deleteInterface(dev);
                    }
                    default -> {
                        Net target = netnsFind(kernel, op[1]);
                        yield target == null ? -Errno.EINVAL : devChangeNetNamespace(dev, target);
                    }
                };
                if (err != 0) {
                    answer(err);
                    return;
                }
            }
        } finally {
            rtnlUnlock(kernel);
        }
    }

    private void load(String name) {
        if (loaded.containsKey(name)) {
            return;
        }
        Module module = switch (name) {
            case "dummy" -> new Dummy();
            case "veth" -> new Veth();
            case "8021q" -> new Vlan(quirks.vlanRef());
            case "bridge" -> new Bridge();
            case "macvlan" -> new Macvlan();
            case "sit" -> new Sit(quirks.sitRef());
            default -> null;
        };
        if (module == null) {
            out.println("modprobe: FATAL: Module " + name + " not found (the model has: dummy, veth, 8021q, bridge, "
                    + "macvlan, sit)");
            return;
        }
        module.init(kernel);
        loaded.put(name, module);
    }

    private void answer(int err) {
        if (err != 0) {
            out.println("RTNETLINK answers: " + Errno.name(err));
        }
    }
}
