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

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reftrace-out/demo",
            description = "Where the dump goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-agent", description = "Run bare, without the agent.")
    boolean noAgent;

    DemoCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() throws Exception {
        return new ScenarioLauncher(installation, spec.commandLine().getErr()).launch(
                new ScenarioLauncher.Request(SCENARIO, Variant.BUGGY, out, !noAgent, null, null));
    }
}
