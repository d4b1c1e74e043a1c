package org.reftrace.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.reftrace.report.IntervalLog;
import org.reftrace.report.ReportData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reftrace report DUMP... [-o FILE]}: dumps to one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Renders one or more agent dumps as a self-contained HTML leak report (no network, opens "
                + "from disk). Several dumps merge into one report: objects of the same name and their holders "
                + "add up, and so do histograms. For kernel logs, see 'reftrace kernel-log'.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DUMP", description = "Dump files written by the agent.")
    List<Path> dumps;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The page to write (default: report.html beside the first dump); %p and %t are expanded.")
    Path output;

    @Option(names = "--title", paramLabel = "TEXT", description = "The page's title.")
    String title;

    @Option(names = "--fail-on-leak", description = "Exit 1 when anything is still held or any problem was found.")
    boolean failOnLeak;

    @Option(names = "--hlog", paramLabel = "FILE", description = "Also write the timings as an HdrHistogram interval "
            + "log (periodic dumps of one run are intervals), for HistogramLogProcessor and other HdrHistogram tools.")
    Path hlog;

    @Override
    public Integer call() throws Exception {
        ReportWriter writer = new ReportWriter(spec.commandLine().getErr());
        try {
            Path page = output != null ? OutputPaths.expand(output, "-o") : null;
            ReportData data = writer.build(title != null ? title : "reftrace report: " + dumps.get(0).getFileName(),
                    dumps, Inputs::dump);
            Path out = page != null ? page : dumps.get(0).toAbsolutePath().resolveSibling("report.html");
            writer.write(data, out);
            if (hlog != null) {
                writeIntervals(data, hlog);
            }
            return failOnLeak && data.verdict().leaks() ? ExitCodes.LEAKS : ExitCodes.OK;
        } catch (ReportWriter.NothingToReport e) {
            return ExitCodes.OK;
        } catch (ReportWriter.InputError e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** Writes the timings as an HdrHistogram interval log; a file that cannot be written is an input error. */
    private void writeIntervals(ReportData data, Path file) throws ReportWriter.InputError {
        java.io.PrintWriter err = spec.commandLine().getErr();
        String problem = OutputFolder.prepare(file.toAbsolutePath().getParent());
        if (problem != null) {
            throw new ReportWriter.InputError("reftrace: " + problem.replace("--out", "--hlog"));
        }
        try {
            int intervals = IntervalLog.write(data, file);
            err.println("reftrace: interval log written to " + file.toAbsolutePath() + " (" + intervals + " interval"
                    + (intervals == 1 ? "" : "s") + ")");
        } catch (java.io.IOException e) {
            throw new ReportWriter.InputError("reftrace: cannot write interval log " + file + ": " + e.getMessage()
                    + " (choose another with --hlog)");
        }
        err.flush();
    }
}
