package org.reftrace.replay;

import static org.reftrace.netdev.Dev.*;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reftrace.drivers.Bond;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelBug;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.replay.shell.Io;
import org.reftrace.replay.shell.Ledger;
import org.reftrace.replay.shell.Node;
import org.reftrace.replay.shell.Shell;

/**
 * Runs a script against the netdev model: the {@link Shell} interprets it; this class is its world. Lifecycle
 * commands ({@code ip}, {@code modprobe}, {@code rmmod}, {@code sysctl}, writes to {@code /proc/sys} and the
 * bonding sysfs files) act on the model; the others are answered or skipped ({@link CommandTable}). Link types
 * load their module on first use, as {@code request_module} does. Each command runs on a thread named after its
 * script line ({@code line 11 (command 3): ip link add ...}), so every reference it takes is traced back to it.
 *
 * <p>Not thread-safe: one script, one thread (the model's kworkers run beside it).
 */
public final class Replayer implements Shell.Commands, Shell.FileSystem {
    /** Thrown to stop the replay at a command it cannot run, without {@code --keep-going}. */
    static final class Stop extends RuntimeException {
        final String message;

        Stop(String message) {
            super(message, null, false, false);
            this.message = message;
        }
    }

    private final Kernel kernel;
    private final PrintStream out;
    private final boolean keepGoing;
    private final Modules modules;
    private final Sysctls sysctls;
    private final ReplayFiles files;
    private final Utilities utilities = new Utilities(this);
    private final InetCommands inet = new InetCommands();
    private final Ledger ledger = new Ledger();
    private final Shell shell;
    private int depth;

    /**
     * @param scriptDir where the script lives: {@code source lib.sh} reads from there
     * @param keepGoing run on past commands the model does not support, reporting each once
     */
    public Replayer(Kernel kernel, ReplayQuirks quirks, PrintStream out, Path scriptDir, boolean keepGoing) {
        this.kernel = kernel;
        this.out = out;
        this.keepGoing = keepGoing;
        this.modules = new Modules(kernel, quirks);
        int err = inet.init(kernel);
        if (err != 0) {
            throw new IllegalStateException("the IP stack did not start: " + Errno.name(err));
        }
        this.sysctls = new Sysctls(kernel, inet);
        this.files = new ReplayFiles(this, scriptDir);
        this.shell = new Shell(this, this, ledger);
    }

    /** The outcome of a replay. */
    public record Result(int scriptStatus, String stopped, Ledger ledger) {}

    /**
     * Runs a loaded script to its end (and its EXIT trap), then lets the model's kworkers finish (a namespace
     * deleted last is dismantled, or its hang gives up through the wait's escape).
     */
    public Result replay(ReplayScript script) {
        Io io = new Io("", Io.of(out), Io.of(out));
        String stopped = null;
        int status;
        try {
            status = shell.run(shell.load(script.text(), script.name()), script.name(), List.of(), io);
        } catch (Stop s) {
            stopped = s.message;
            status = 2;
        }
        kernel.quiesce();
        return new Result(status, stopped, ledger);
    }

    Kernel kernel() {
        return kernel;
    }

    Modules modules() {
        return modules;
    }

    Sysctls sysctls() {
        return sysctls;
    }

    ReplayFiles files() {
        return files;
    }

    InetCommands inet() {
        return inet;
    }

    Shell shell() {
        return shell;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** The namespace of that name; {@code null} means init_net. */
    Net net(String name) {
        return name == null ? kernel.initNet() : netnsFind(kernel, name);
    }

    /** {@code __dev_get_by_name()} under rtnl: the listed device, or {@code null}. */
    NetDevice find(Net net, String name) {
        rtnlLock(kernel);
        try {
            return __devGetByName(net, name);
        } finally {
            rtnlUnlock(kernel);
        }
    }

    @Override
    public boolean knows(String name) {
        return CommandTable.knows(name);
    }

    /** How the command names its thread while it runs: what the report shows as "taken during". */
    String threadName(Node.Simple node) {
        int number = shell.commandNumber(node);
        return "line " + node.line() + (number > 0 && number != node.line() ? " (command " + number + ")" : "") + ": "
                + node.text();
    }

    @Override
    public int run(List<String> argv, Node.Simple node, Shell.Frame frame) {
        Thread thread = Thread.currentThread();
        String oldName = thread.getName();
        boolean top = depth == 0;
        depth++;
        if (top) {
            thread.setName(threadName(node));
            out.println("$ " + quote(argv));
        }
        try {
            return dispatch(argv, node, frame);
        } catch (ReplayUnsupported u) {
            unsupported(frame, node, u.token(), u.getMessage());
            return 127;
        } catch (IprouteError e) {
            frame.io().err().println(e.getMessage());
            ledger.record(frame.file(), node.line(), Ledger.Outcome.RAN, node.text(), null);
            return e.status();
        } catch (KernelBug bug) {
            out.println("# the command was killed by: " + bug.getMessage());
            ledger.record(frame.file(), node.line(), Ledger.Outcome.RAN, node.text(), null);
            return 139;
        } finally {
            depth--;
            if (top) {
                thread.setName(oldName);
            }
        }
    }

    private void unsupported(Shell.Frame frame, Node.Simple node, String token, String message) {
        shell.reportUnsupported(frame, node.line(), token, message);
        if (!keepGoing) {
            throw new Stop(frame.file() + ":" + node.line() + ": '" + token + "' is not supported (" + message + ")");
        }
    }

    private static String quote(List<String> argv) {
        List<String> words = new ArrayList<>();
        for (String a : argv) {
            words.add(a.isEmpty() || a.matches(".*[\\s'\"$`\\\\|&;<>()].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return String.join(" ", words);
    }

    private int dispatch(List<String> argv, Node.Simple node, Shell.Frame frame) {
        String name = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        if (CommandTable.WRAPPERS.contains(name)) {
            List<String> inner = unwrap(name, args);
            if (inner.isEmpty()) {
                ledger.record(frame.file(), node.line(), Ledger.Outcome.SHELL, node.text(), null);
                return 0;
            }
            return shell.runCommand(inner, node, frame);
        }
        if (CommandTable.SHELLS.contains(name)) {
            int c = args.indexOf("-c");
            if (c < 0 || c + 1 >= args.size()) {
                throw new ReplayUnsupported(name, "only '" + name + " -c SCRIPT' is supported");
            }
            ledger.record(frame.file(), node.line(), Ledger.Outcome.SHELL, node.text(), null);
            return shell.eval(args.get(c + 1), node.line(), frame);
        }
        Ledger.Outcome outcome;
        int status;
        switch (name) {
            case "ip" -> {
                status = new IpCommand(this, node, frame).run(args);
                outcome = Ledger.Outcome.RAN;
            }
            case "modprobe", "rmmod" -> {
                status = module(name, args, frame);
                outcome = Ledger.Outcome.RAN;
            }
            case "ping", "ping6" -> {
                status = new Ping(this).run(name, args, frame);
                outcome = Ledger.Outcome.RAN;
            }
            case "sysctl" -> {
                Ledger.Outcome[] o = {Ledger.Outcome.SKIPPED};
                status = sysctl(args, frame, o);
                outcome = o[0];
            }
            default -> {
                if (Utilities.has(name)) {
                    status = utilities.run(argv, frame);
                    outcome = Ledger.Outcome.SKIPPED;
                } else if (CommandTable.SKIPPED.contains(name)) {
                    status = 0;
                    outcome = Ledger.Outcome.SKIPPED;
                } else if (name.equals("insmod") || name.equals("brctl") || name.equals("ifconfig")
                        || name.equals("vconfig") || name.equals("ifenslave") || name.equals("ovs-vsctl")
                        || name.equals("nsenter") || name.equals("unshare")) {
                    throw new ReplayUnsupported(name, "'" + name + "' is not supported: the replay speaks iproute2 "
                            + "(ip link, ip netns) and modprobe");
                } else {
                    frame.io().err().println(name + ": command not found");
                    throw new ReplayUnsupported(name, "unknown command (the replay runs ip, modprobe, rmmod, sysctl and "
                            + "the shell; it skips traffic and text tools)");
                }
            }
        }
        ledger.record(frame.file(), node.line(), outcome, node.text(), null);
        return status;
    }

    /** The command a wrapper runs: {@code timeout 5 CMD}, {@code sudo -E CMD}, {@code env A=b CMD}. */
    private static List<String> unwrap(String wrapper, List<String> args) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String a = args.get(i);
            i += (a.equals("-s") || a.equals("-k") || a.equals("-n") || a.equals("-u") || a.equals("-c")
                    || a.equals("--signal") || a.equals("-g")) ? 2 : 1;
        }
        if (wrapper.equals("timeout") && i < args.size()) {
            i++; // the duration
        }
        if (wrapper.equals("taskset") && i < args.size()) {
            i++; // the mask
        }
        if (wrapper.equals("chrt") && i < args.size()) {
            i++; // the priority
        }
        while (wrapper.equals("env") && i < args.size() && args.get(i).contains("=")) {
            i++;
        }
        return i >= args.size() ? List.of() : new ArrayList<>(args.subList(i, args.size()));
    }

    private int module(String name, List<String> args, Shell.Frame frame) {
        boolean remove = name.equals("rmmod");
        boolean all = false;
        List<String> words = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-r") || a.equals("--remove")) {
                remove = true;
            } else if (a.equals("-a") || a.equals("--all")) {
                all = true;
            } else if (!a.startsWith("-")) {
                words.add(a);
            }
        }
        if (words.isEmpty()) {
            frame.io().err().println(name + ": ERROR: missing module name.");
            return 1;
        }
        List<String> names = remove || all ? words : List.of(words.get(0));
        Map<String, String> params = new LinkedHashMap<>();
        if (!remove && !all) {
            for (String p : words.subList(1, words.size())) {
                int eq = p.indexOf('=');
                params.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "1" : p.substring(eq + 1));
            }
        }
        int status = 0;
        for (String module : names) {
            if (!Modules.exists(module)) {
                throw new ReplayUnsupported(module, "module '" + module + "' is not in the model (it has: "
                        + String.join(", ", Modules.NAMES) + ")");
            }
            status |= remove ? modules.remove(module, name.equals("modprobe"), frame.io().err())
                    : modules.load(module, params, frame.io().err());
        }
        return status;
    }

    private int sysctl(List<String> args, Shell.Frame frame, Ledger.Outcome[] outcome) {
        boolean valueOnly = false;
        boolean quiet = false;
        int status = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                valueOnly |= a.contains("n");
                quiet |= a.contains("q");
                if (a.equals("-p") || a.equals("--load")) {
                    throw new ReplayUnsupported(a, "'sysctl -p' is not supported: set the keys in the script");
                }
                if (a.equals("-a") || a.equals("--all")) {
                    return 0;
                }
                continue;
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                String key = a.substring(0, eq).strip();
                Sysctls.Result r = sysctls.write(key, a.substring(eq + 1), frame.netns());
                if (r.outcome() == Ledger.Outcome.UNSUPPORTED) {
                    throw new ReplayUnsupported(key, "sysctl " + key + " changes a lifecycle the model does not have");
                }
                if (r.outcome() == Ledger.Outcome.RAN) {
                    outcome[0] = Ledger.Outcome.RAN;
                }
                if (r.errno() != 0) {
                    frame.io().err().println("sysctl: setting key \"" + key + "\": " + Errno.strerror(r.errno()));
                    status = 255;
                } else if (!quiet) {
                    frame.io().out().println(key + " = " + a.substring(eq + 1).strip());
                }
            } else {
                String v = sysctls.read(a, frame.netns());
                String value = v == null ? "0" : v;
                frame.io().out().println(valueOnly ? value : a + " = " + value);
            }
        }
        return status;
    }

    // ---- files ----

    @Override
    public boolean test(char op, String path, Shell.Frame frame) {
        return files.test(op, path, frame.netns());
    }

    @Override
    public String read(String path, Shell.Frame frame) {
        return files.read(path, frame.netns());
    }

    @Override
    public void write(String path, String text, boolean append, Shell.Frame frame, int line) {
        if (path.startsWith("/proc/sys/")) {
            Sysctls.Result r = sysctls.write(path, text, frame.netns());
            if (r.outcome() == Ledger.Outcome.UNSUPPORTED) {
                if (line > 0) {
                    shell.reportUnsupported(frame, line, path, "this sysctl changes a lifecycle the model does not have");
                }
                return;
            }
            if (r.errno() != 0) {
                frame.io().err().println(shell.scriptName() + ": line " + line + ": echo: write error: "
                        + Errno.strerror(r.errno()));
            }
            if (line > 0) {
                ledger.record(frame.file(), line, r.outcome(), path, null);
            }
            return;
        }
        if (path.startsWith("/sys/")) {
            try {
                sysfs(path, text.strip(), frame);
                if (line > 0) {
                    ledger.record(frame.file(), line, Ledger.Outcome.RAN, path, null);
                }
            } catch (ReplayUnsupported u) {
                if (line > 0) {
                    shell.reportUnsupported(frame, line, u.token(), u.getMessage());
                }
            }
            return;
        }
        files.put(path, text, append);
    }

    /**
     * The bonding sysfs files: {@code /sys/class/net/bonding_masters} ({@code +NAME}, {@code -NAME}),
     * {@code /sys/class/net/BOND/bonding/slaves} ({@code +DEV}, {@code -DEV}) and
     * {@code /sys/class/net/BOND/bonding/OPTION}.
     */
    private void sysfs(String path, String value, Shell.Frame frame) {
        Net net = net(frame.netns());
        if (!path.startsWith("/sys/class/net/")) {
            throw new ReplayUnsupported(path, "only /proc/sys and the bonding files of /sys/class/net are modelled");
        }
        String[] parts = path.substring("/sys/class/net/".length()).split("/");
        if (parts.length == 1 && parts[0].equals("bonding_masters")) {
            Bond bond = (Bond) modules.get("bonding");
            if (bond == null || value.length() < 2) {
                frame.io().err().println("write error: No such device");
                return;
            }
            String dev = value.substring(1);
            if (value.startsWith("+")) {
                bond.bondCreate(net, dev);
            } else {
                rtnlDellink(net, dev);
            }
            return;
        }
        if (parts.length == 3 && parts[1].equals("bonding")) {
            NetDevice bondDev = find(net, parts[0]);
            if (bondDev == null || !(bondDev.rtnlLinkOps() instanceof Bond)) {
                frame.io().err().println("write error: No such file or directory");
                return;
            }
            rtnlLock(kernel);
            try {
                if (parts[2].equals("slaves")) {
                    NetDevice slave = __devGetByName(net, value.substring(1));
                    if (slave != null) {
                        doSetMaster(slave, value.startsWith("+") ? bondDev : null);
                    }
                } else {
                    rtnlChangelink(bondDev, "bond", new LinkAttrs(null, null, Map.of(parts[2], value)));
                }
            } finally {
                rtnlUnlock(kernel);
            }
            return;
        }
        throw new ReplayUnsupported(path, "this sysfs file is not modelled (only the bonding files are)");
    }
}
