package org.reftrace.cli;

import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reftrace status PID|NAME}: whether a JVM runs the agent, and how. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Says whether a JVM runs the reftrace agent: its version and profile, the options it was given "
                + "and where its exit dump goes; or, when it stayed off, why. Exit 0 when it runs, 2 when not.")
final class StatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID|NAME",
            description = "The JVM: its pid, or its main class or jar name (see 'reftrace list').")
    String target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            long pid = Jvms.resolve(target);
            Properties p = Jvms.properties(pid);
            String agent = p.getProperty(Jvms.AGENT_PROPERTY);
            if (agent == null) {
                String verdict = p.getProperty(Jvms.VERDICT_PROPERTY);
                out.println("JVM " + pid + " does not run the reftrace agent"
                        + (verdict != null && !verdict.equals("ok") ? "; it stayed off: "
                        + Terminal.escape(verdict.lines().findFirst().orElse(verdict)) : "")
                        + " (load it: reftrace attach " + pid + ")");
                out.flush();
                return ExitCodes.USAGE;
            }
            out.println("JVM " + pid + " runs the reftrace agent " + Terminal.escape(agent));
            String options = p.getProperty(Jvms.OPTIONS_PROPERTY);
            if (options != null) {
                out.println("  options: " + (options.isEmpty() ? "(none)" : Terminal.escape(options)));
            }
            String dump = p.getProperty(Jvms.DUMP_PROPERTY);
            if (dump != null) {
                out.println("  exit dump: " + Terminal.escape(dump));
            }
            out.println("  dump now: reftrace dump " + pid
                    + (p.getProperty(Jvms.CONTROL_PROPERTY) == null ? " (loads the agent again: an older agent)" : ""));
            out.flush();
            return ExitCodes.OK;
        } catch (Jvms.JvmError e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
