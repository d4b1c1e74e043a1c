package org.reftrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reftrace.dump.Dump;
import org.reftrace.report.HtmlRenderer;
import org.reftrace.report.Progress;
import org.reftrace.report.ReportBuilder;
import org.reftrace.report.ReportData;

/** Reads dumps and writes pages, with progress on stderr and one clear line per failure. */
final class ReportWriter {
    /** A failure the user must fix; its message is the whole story. */
    static class InputError extends Exception {
        InputError(String message) {
            super(message);
        }
    }

    /** Every input was a kernel log without a leak report: nothing to show, and that is not an error. */
    static final class NothingToReport extends InputError {
        NothingToReport() {
            super(null);
        }
    }

    private final PrintWriter err;
    private final Progress progress;

    ReportWriter(PrintWriter err) {
        this.err = err;
        this.progress = message -> {
            err.println("reftrace: " + message);
            err.flush();
        };
    }

    /** Reads one input; {@code null} when it has nothing to report. */
    @FunctionalInterface
    interface Reader {
        Dump read(Path file) throws InputError, IOException;
    }

    /** Reads every input (agent dumps or kernel logs, told apart by content) and builds one report. */
    ReportData build(String title, List<Path> dumps) throws InputError, IOException {
        return build(title, dumps, Inputs::any);
    }

    /** Reads every input with {@code reader} and builds one report from them. */
    ReportData build(String title, List<Path> dumps, Reader reader) throws InputError, IOException {
        List<ReportBuilder.Source> sources = new ArrayList<>();
        for (Path file : dumps) {
            long bytes = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (bytes > 10_000_000) {
                progress.step("reading " + file + " (" + bytes / 1_000_000 + " MB)");
            }
            Dump dump = reader.read(file);
            if (dump == null) {
                err.println("reftrace: " + file + " has no leak report (no \"waiting for ... to become free\", "
                        + "no ref_tracker report)");
                err.flush();
                continue;
            }
            sources.add(new ReportBuilder.Source(file.getFileName().toString(), dump));
        }
        if (sources.isEmpty()) {
            throw new NothingToReport();
        }
        return ReportBuilder.build(title, sources, dumps.size() > 1 || sources.stream()
                .anyMatch(s -> s.dump().summary().holders() > 100_000) ? progress : Progress.SILENT);
    }

    /** Writes the page; a folder that cannot take it is an input error, and nothing partial is left. */
    void write(ReportData data, Path out) throws InputError {
        Path dir = out.toAbsolutePath().getParent();
        String problem = OutputFolder.prepare(dir);
        if (problem != null) {
            throw new InputError("reftrace: " + problem.replace("(choose another with --out)", "(choose another with -o)"));
        }
        try {
            HtmlRenderer.write(data, out);
        } catch (IOException e) {
            throw new InputError("reftrace: cannot write report " + out + ": " + e.getMessage() + " (choose another with -o)");
        }
        err.println("reftrace: report written to " + out.toAbsolutePath());
        err.flush();
    }
}
