package org.reftrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reftrace attach PID}: loads the agent into a running JVM. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = "Loads the reftrace agent into a running JVM. References taken before the attach are "
                + "reported as unattributed (their count is known, their holders are not). On JDK 21 and later "
                + "the JVM warns about dynamically loaded agents unless started with -XX:+EnableDynamicAgentLoading.")
final class AttachCommand implements Callable<Integer> {
    private final Installation installation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "The JVM's process id (see 'reftrace list').")
    long pid;

    @Option(names = "--options", paramLabel = "OPTIONS", defaultValue = "",
            description = "Agent options, comma-separated, e.g. dump=/tmp/d.json,stacks=all (see docs/agent.md).")
    String options;

    AttachCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        try {
            if (Jvms.hasAgent(pid)) {
                spec.commandLine().getErr().println("reftrace: JVM " + pid + " already runs the agent");
                return ExitCodes.OK;
            }
            Jvms.loadAgent(pid, installation.agentJar().toString(), options);
            spec.commandLine().getErr().println("reftrace: agent loaded into JVM " + pid
                    + " (take a dump with 'reftrace dump " + pid + "')");
            return ExitCodes.OK;
        } catch (Jvms.JvmError e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
