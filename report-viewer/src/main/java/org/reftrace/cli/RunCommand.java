package org.reftrace.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.reftrace.gallery.Variant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reftrace run NAME}: one scenario, in its own JVM, under the agent. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs one gallery scenario in its own JVM under the reftrace agent, printing the kernel's "
                + "messages and the outcome, and leaves the agent's dump in the output folder. Scenarios end "
                + "within seconds (model time runs 50x faster and a hung wait gives up after 25 model seconds); "
                + "churn runs until stopped or for --duration.")
final class RunCommand implements Callable<Integer> {
    private final Installation installation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The scenario (see 'reftrace scenarios').")
    String name;

    @Option(names = "--variant", paramLabel = "buggy|fixed", defaultValue = "buggy",
            description = "Which side of the fix to run (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Where the dump and the page go (default: reftrace-out/NAME); %p and %t are expanded.")
    Path out;

    /** The old spelling, kept working, not shown. */
    @Option(names = "--out", hidden = true)
    void oldOut(Path value) {
        out = value;
    }

    @Option(names = "--no-agent", description = "Run bare, without the agent.")
    boolean noAgent;

    @Option(names = "--agent-options", paramLabel = "OPTIONS",
            description = "More agent options, comma-separated (see docs/agent.md).")
    String agentOptions;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "How long a long-running scenario (churn) runs; default 10.")
    Double duration;

    RunCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() throws Exception {
        Variant parsed;
        try {
            parsed = Variant.parse(variant);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path outDir;
        try {
            outDir = out != null ? OutputPaths.expand(out, "-o") : Path.of("reftrace-out", name);
        } catch (ReportWriter.InputError e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        }
        return new ScenarioLauncher(installation, spec.commandLine().getErr()).launch(
                new ScenarioLauncher.Request(name, parsed, outDir, !noAgent, agentOptions, duration));
    }
}
