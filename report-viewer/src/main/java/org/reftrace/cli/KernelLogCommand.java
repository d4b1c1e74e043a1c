package org.reftrace.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.reftrace.report.ReportData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reftrace kernel-log FILE...}: a real kernel's leak reports as the same HTML page. */
@Command(name = "kernel-log", mixinStandardHelpOptions = true,
        description = "Reads Linux kernel logs (dmesg, syzbot reports, CI logs; with or without [ time] and [Tnnn] "
                + "prefixes, symbolized or raw frames) and renders their leak reports as an HTML page: per device "
                + "the \"waiting for ... to become free\" repeats and usage counts over time, its users grouped by "
                + "allocation stack (merged across repeats and across files), and double releases with both stacks.")
final class KernelLogCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Kernel log files.")
    List<Path> logs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The page to write (default: kernel-log.html beside the first log); %p and %t are expanded.")
    Path output;

    @Option(names = "--fail-on-leak", description = "Exit 1 when a log reports a leak.")
    boolean failOnLeak;

    @Override
    public Integer call() throws Exception {
        ReportWriter writer = new ReportWriter(spec.commandLine().getErr());
        try {
            Path page = output != null ? OutputPaths.expand(output, "-o") : null;
            ReportData data = writer.build("reftrace: kernel log " + logs.get(0).getFileName()
                    + (logs.size() > 1 ? " and " + (logs.size() - 1) + " more" : ""), logs, Inputs::kernelLog);
            writer.write(data, page != null ? page : logs.get(0).toAbsolutePath().resolveSibling("kernel-log.html"));
            return failOnLeak && data.verdict().problems() > 0 ? ExitCodes.LEAKS : ExitCodes.OK;
        } catch (ReportWriter.NothingToReport e) {
            return ExitCodes.OK;
        } catch (ReportWriter.InputError e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
