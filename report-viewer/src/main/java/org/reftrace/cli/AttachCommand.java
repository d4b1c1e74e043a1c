package org.reftrace.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reftrace attach PID|NAME [-d SECONDS] [-o FILE] [--agent-options OPTS]}: loads the agent into a running
 * JVM and reports the agent's verdict on the options; with {@code -d}, waits, takes a dump and renders it.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = "Loads the reftrace agent into a running JVM (found by pid, main class or jar name) and reports "
                + "the agent's verdict on the options: a bad option is exit 2 with the agent's own line. With -d, "
                + "waits SECONDS, then takes a dump (-o FILE) and renders it beside (FILE.html), as async-profiler's "
                + "'asprof -d' does. References taken before the attach are reported as unattributed. On JDK 21 and "
                + "later the JVM warns once about the dynamically loaded agent unless started with "
                + "-XX:+EnableDynamicAgentLoading; later dumps load nothing and print nothing there.")
final class AttachCommand implements Callable<Integer> {
    private final Installation installation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID|NAME",
            description = "The JVM: its pid, or its main class (full or simple name) or jar name (see 'reftrace list').")
    String target;

    // No picocli defaultValue: picocli applies it after parsing, over what the hidden old spelling set.
    @Option(names = "--agent-options", paramLabel = "OPTIONS",
            description = "Agent options, comma-separated, e.g. stacks=all,maxHolds=5000000 (see docs/agent.md).")
    String options;

    /** The old spelling, kept working, not shown. */
    @Option(names = "--options", hidden = true)
    void oldOptions(String value) {
        options = value;
    }

    @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS",
            description = "Wait this long after attaching, then take a dump and render it.")
    Double seconds;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The dump: with -d, the one taken then (default reftrace-dump-%p.json); without, the agent's "
                    + "exit dump (its dump= option). %p is the target's pid, %t a timestamp.")
    Path output;

    AttachCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (seconds != null && !(seconds >= 0 && seconds <= 86_400 * 7)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '-d': '" + seconds
                    + "' (expected: seconds from 0 to 604800)");
        }
        try {
            long pid = Jvms.resolve(target);
            String agentOptions = options != null ? options : "";
            if (output != null && seconds == null) {
                if (agentOptions.matches("(^|.*,)\\s*dump\\s*=.*")) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "-o and a dump= agent option name the exit dump twice (give one)");
                }
                agentOptions = (agentOptions.isBlank() ? "" : agentOptions + ",") + "dump=" + DumpRequest.file(output, pid);
            }
            if (Jvms.hasAgent(pid)) {
                err.println("reftrace: JVM " + pid + " already runs the agent"
                        + (agentOptions.isBlank() ? "" : " (the options given now are not applied; see 'reftrace status "
                        + pid + "')"));
            } else {
                List<String> refused = Jvms.loadAgent(pid, installation.agentJar().toString(), agentOptions);
                if (refused != null) {
                    refused.forEach(line -> err.println(Terminal.escape(line)));
                    return ExitCodes.USAGE;
                }
                err.println("reftrace: agent loaded into JVM " + pid + (seconds != null ? ""
                        : " (take a dump with 'reftrace dump " + pid + "')"));
            }
            err.flush();
            if (seconds == null) {
                return ExitCodes.OK;
            }
            Path file = DumpRequest.file(output != null && output.toString().endsWith(".html")
                    ? Path.of(output.toString().replaceFirst("\\.html$", ".json")) : output, pid);
            Thread.sleep(Math.round(seconds * 1000));
            DumpRequest request = new DumpRequest(installation, err);
            int taken = request.take(pid, file);
            if (taken != ExitCodes.OK) {
                return taken;
            }
            Path page = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "") + ".html");
            return request.render(file, page, "reftrace: JVM " + pid + " after " + seconds + " s");
        } catch (Jvms.JvmError e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        } catch (ReportWriter.InputError e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
