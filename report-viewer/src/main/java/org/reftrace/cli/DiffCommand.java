package org.reftrace.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.reftrace.report.DiffBuilder;
import org.reftrace.report.ReportData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reftrace diff BEFORE AFTER}: which holder groups are new, gone or changed. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compares two dumps (or two kernel logs): holder groups (same object, same stack) that are "
                + "new, gone, grown or shrunk, coloured by change, above the AFTER input's full report.")
final class DiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "The earlier dump.")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The later dump.")
    Path after;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The page (default: diff.html beside AFTER); %p and %t are expanded.")
    Path output;

    @Option(names = "--fail-on-leak", description = "Exit 1 when a holder group is new or has grown.")
    boolean failOnLeak;

    @Override
    public Integer call() throws Exception {
        ReportWriter writer = new ReportWriter(spec.commandLine().getErr());
        try {
            Path page = output != null ? OutputPaths.expand(output, "-o") : null;
            ReportData beforeData = writer.build("before", List.of(before));
            ReportData afterData = writer.build("reftrace diff: " + before.getFileName() + " → " + after.getFileName(),
                    List.of(after));
            ReportData diff = DiffBuilder.diff(beforeData, afterData);
            writer.write(diff, page != null ? page : after.toAbsolutePath().resolveSibling("diff.html"));
            long worse = diff.diff().stream().filter(r -> r.status().equals("new") || r.status().equals("grown")).count();
            spec.commandLine().getOut().println(diff.diff().stream().map(r -> r.status() + " "
                    + Terminal.escape(r.object()) + " " + Terminal.escape(r.site()) + " " + r.before() + " -> "
                    + r.after()).reduce((a, b) -> a + "\n" + b)
                    .orElse("no holder groups in either dump"));
            spec.commandLine().getOut().flush();
            return failOnLeak && worse > 0 ? ExitCodes.LEAKS : ExitCodes.OK;
        } catch (ReportWriter.NothingToReport e) {
            return ExitCodes.OK;
        } catch (ReportWriter.InputError e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
