package org.reftrace.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.reftrace.replay.ReplayQuirks;
import org.reftrace.replay.ReplayScript;
import org.reftrace.replay.shell.ShellError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reftrace replay SCRIPT}: an iproute2 reproducer against the model, under the agent. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Runs a shell script of iproute2 commands (a kernel selftest, or a reproducer as a commit "
                + "message quotes it, root prompts and output included) against the netdev model under the agent. "
                + "Every reference a command takes is traced back to its script line (\"taken during line 3: ip link "
                + "add ...\"). The shell: variables, quotes, loops, functions, set -e, traps, source. Lifecycle "
                + "commands: ip link, ip netns, ip address/route/nexthop, modprobe, rmmod, sysctl; link types dummy, "
                + "veth, vlan, bridge, macvlan, sit, bond. Traffic and text tools (ping, tc, ethtool, grep, ...) are "
                + "skipped and counted. See docs/kernel.md for the full table. Exit codes: 0 clean, 1 a wait hung or "
                + "the kernel reported a problem, 2 bad usage or an unsupported line (without --keep-going).")
final class ReplayCommand implements Callable<Integer> {
    private final Installation installation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The reproducer.")
    Path script;

    @Option(names = "--quirk", paramLabel = "NAME",
            description = "Switch on a pre-fix behaviour (repeatable): the core's (e.g. in-order-completion) or a "
                    + "driver's (e.g. vlan-put-in-destructor); an unknown name lists them all.")
    List<String> quirks = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where the dump and report go (default: reftrace-out/replay).")
    Path out;

    @Option(names = "--keep-going", description = "Skip unsupported lines (each reported once) instead of refusing to "
            + "run the script.")
    boolean keepGoing;

    @Option(names = "--no-agent", description = "Run bare, without the agent.")
    boolean noAgent;

    ReplayCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        try {
            ReplayQuirks.parse(quirks);
        } catch (IllegalArgumentException e) {
            err.println("reftrace: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ReplayScript parsed;
        try {
            parsed = ReplayScript.read(script.getFileName().toString(), Files.readString(script, StandardCharsets.UTF_8),
                    script.toAbsolutePath().getParent());
        } catch (IOException e) {
            err.println("reftrace: cannot read script " + script + ": "
                    + (Files.exists(script) ? e.getMessage() : "no such file"));
            return ExitCodes.USAGE;
        }
        if (!parsed.problems().isEmpty() && !keepGoing) {
            for (ShellError problem : parsed.problems()) {
                err.println("reftrace: " + script + ":" + problem.line() + ": '" + problem.token()
                        + "' is not supported (" + problem.message() + ")");
            }
            err.println("reftrace: nothing was run (use --keep-going to skip unsupported lines)");
            return ExitCodes.USAGE;
        }
        List<String> args = new ArrayList<>(List.of(script.toAbsolutePath().toString()));
        quirks.forEach(q -> args.addAll(List.of("--quirk", q)));
        if (keepGoing) {
            args.add("--keep-going");
        }
        return new ScenarioLauncher(installation, err).launch("org.reftrace.replay.ReplayMain", args,
                out != null ? out : Path.of("reftrace-out", "replay"), !noAgent, null,
                "reftrace: replay of " + script.getFileName() + (quirks.isEmpty() ? "" : " with " + String.join(", ", quirks)));
    }
}
