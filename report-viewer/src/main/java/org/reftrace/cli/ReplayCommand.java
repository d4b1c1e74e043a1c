package org.reftrace.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.reftrace.replay.ReplayQuirks;
import org.reftrace.replay.ScriptParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reftrace replay SCRIPT}: an iproute2 reproducer against the model, under the agent. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Runs a reproducer (a shell-like script of iproute2 commands, as commit messages give them) "
                + "against the netdev model under the agent. Every reference a command takes is traced back to its "
                + "script line (\"taken during line 3: ip link add ...\"). Supported: ip link add [link DEV] [name] "
                + "NAME type dummy|veth|vlan|bridge|macvlan|sit [id N] [peer name NAME], ip link del, ip link set DEV "
                + "up|down|master DEV|nomaster|netns NS, ip netns add|del, ip -n NS ..., ip netns exec NS ip ..., "
                + "rmmod and modprobe [-r]; comments and blank lines are skipped.")
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

    @Option(names = "--keep-going", description = "Skip unsupported lines instead of stopping before running anything.")
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
        ScriptParser.Script parsed;
        try {
            parsed = ScriptParser.parse(Files.readString(script, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("reftrace: cannot read script " + script + ": "
                    + (Files.exists(script) ? e.getMessage() : "no such file"));
            return ExitCodes.USAGE;
        }
        if (!parsed.errors().isEmpty() && !keepGoing) {
            for (ScriptParser.Error error : parsed.errors()) {
                err.println("reftrace: " + script + ":" + error);
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
