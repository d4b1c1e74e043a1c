package org.reftrace.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.reftrace.gallery.Variant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reftrace demo}: the leak the README shows. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the demo: the stale-route-cache scenario (a cache that keeps its device past "
                + "NETDEV_UNREGISTER, so 'ip link del' hangs) under the agent, which names the holders.")
final class DemoCommand implements Callable<Integer> {
    static final String SCENARIO = "stale-route-cache";

    private final Installation installation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // No picocli defaultValue: picocli applies it after parsing, over what the hidden old spelling set.
    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Where the dump and the page go (default: reftrace-out/demo); %p and %t are expanded.")
    Path out;

    /** The old spelling, kept working, not shown. */
    @Option(names = "--out", hidden = true)
    void oldOut(Path value) {
        out = value;
    }

    @Option(names = "--agent-options", paramLabel = "OPTIONS",
            description = "More agent options, comma-separated (see docs/agent.md).")
    String agentOptions;

    @Option(names = "--no-agent", description = "Run bare, without the agent.")
    boolean noAgent;

    DemoCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() throws Exception {
        Path outDir;
        try {
            outDir = OutputPaths.expand(out != null ? out : Path.of("reftrace-out", "demo"), "-o");
        } catch (ReportWriter.InputError e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        }
        return new ScenarioLauncher(installation, spec.commandLine().getErr()).launch(
                new ScenarioLauncher.Request(SCENARIO, Variant.BUGGY, outDir, !noAgent, agentOptions, null));
    }
}
