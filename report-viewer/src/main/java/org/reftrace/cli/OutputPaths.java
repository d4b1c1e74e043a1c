package org.reftrace.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import org.reftrace.dump.PathTemplate;

/** Output paths as the user gives them: {@code %p} and {@code %t} expanded ({@link PathTemplate}). */
final class OutputPaths {
    private OutputPaths() {}

    /**
     * {@code given} with {@code %p} as {@code pid} (the target JVM's for {@code dump} and {@code attach}, else
     * this process's) and {@code %t} as now.
     *
     * @throws ReportWriter.InputError when it has an unknown placeholder
     */
    static Path expand(Path given, long pid, String option) throws ReportWriter.InputError {
        String text = given.toString();
        if (!PathTemplate.hasPlaceholders(text)) {
            return given;
        }
        try {
            return Path.of(PathTemplate.expand(text, pid, Instant.now()));
        } catch (PathTemplate.TemplateException | InvalidPathException e) {
            throw new ReportWriter.InputError("reftrace: option " + option + " " + Terminal.escape(e.getMessage()));
        }
    }

    /** {@link #expand} with this process's pid. */
    static Path expand(Path given, String option) throws ReportWriter.InputError {
        return expand(given, ProcessHandle.current().pid(), option);
    }
}
