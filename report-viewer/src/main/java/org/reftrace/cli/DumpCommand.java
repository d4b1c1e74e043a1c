package org.reftrace.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reftrace dump PID|NAME}: asks the agent in a running JVM for a dump now. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Asks the reftrace agent running in a JVM to write a dump now, without stopping it. It talks to "
                + "the running agent through its control folder: no agent is loaded again, so the JVM prints nothing.")
final class DumpCommand implements Callable<Integer> {
    private final Installation installation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID|NAME",
            description = "The JVM: its pid, or its main class or jar name (see 'reftrace list').")
    String target;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where (default: reftrace-dump-%p.json); %p is the target's pid, %t a timestamp.")
    Path output;

    DumpCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        try {
            long pid = Jvms.resolve(target);
            return new DumpRequest(installation, err).take(pid, DumpRequest.file(output, pid));
        } catch (Jvms.JvmError | ReportWriter.InputError e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
