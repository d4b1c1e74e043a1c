package org.reftrace.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code reftrace list}: the JVMs on this machine, and which run the agent. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the JVMs on this machine that the attach API can see: which run the reftrace agent, "
                + "and which can be attached.")
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-8s %-12s %s%n", "PID", "AGENT", "MAIN");
        for (Jvms.Found jvm : Jvms.list()) {
            String agent = jvm.hasAgent() == null ? "unreachable" : jvm.hasAgent() ? "running" : "attachable";
            out.printf("%-8d %-12s %s%s%n", jvm.pid(), agent, jvm.displayName(),
                    jvm.problem() != null ? "  (" + jvm.problem() + ")" : "");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
