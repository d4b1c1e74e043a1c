package org.reftrace.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reftrace dump PID}: asks the agent in a running JVM for a dump now. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Asks the reftrace agent running in a JVM to write a dump now, without stopping it.")
final class DumpCommand implements Callable<Integer> {
    private final Installation installation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "The JVM's process id (see 'reftrace list').")
    long pid;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where (default: reftrace-dump-PID.json).")
    Path output;

    DumpCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() throws Exception {
        Path file = (output != null ? output : Path.of("reftrace-dump-" + pid + ".json")).toAbsolutePath();
        String problem = OutputFolder.prepare(file.getParent());
        if (problem != null) {
            spec.commandLine().getErr().println("reftrace: " + problem.replace("--out", "-o"));
            return ExitCodes.USAGE;
        }
        try {
            if (!Jvms.hasAgent(pid)) {
                spec.commandLine().getErr().println("reftrace: JVM " + pid
                        + " does not run the reftrace agent (load it first: reftrace attach " + pid + ")");
                return ExitCodes.USAGE;
            }
            long before = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1;
            Jvms.loadAgent(pid, installation.agentJar().toString(), "command=dump,file=" + file);
            if (!Files.exists(file) || Files.getLastModifiedTime(file).toMillis() == before) {
                spec.commandLine().getErr().println("reftrace: JVM " + pid + " wrote no dump to " + file
                        + " (its stderr says why)");
                return ExitCodes.USAGE;
            }
            spec.commandLine().getErr().println("reftrace: dump written to " + file);
            return ExitCodes.OK;
        } catch (Jvms.JvmError e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
