package org.reftrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Asks a running agent for a dump now, checks that it came, and renders it: what {@code dump} and {@code attach -d} share. */
final class DumpRequest {
    /** How long a dump may take (a million holders take seconds, not minutes). */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Installation installation;
    private final PrintWriter err;

    DumpRequest(Installation installation, PrintWriter err) {
        this.installation = installation;
        this.err = err;
    }

    /** The dump file for {@code -o}: its {@code %p} is the target's pid; default {@code reftrace-dump-PID.json}. */
    static Path file(Path output, long pid) throws ReportWriter.InputError {
        return OutputPaths.expand(output != null ? output : Path.of("reftrace-dump-%p.json"), pid, "-o")
                .toAbsolutePath();
    }

    /** Has the agent in {@code pid} write {@code file}; returns an exit code, having said what happened. */
    int take(long pid, Path file) throws IOException {
        String problem = OutputFolder.prepare(file.getParent());
        if (problem != null) {
            err.println("reftrace: " + problem.replace("--out", "-o"));
            return ExitCodes.USAGE;
        }
        try {
            if (!Jvms.hasAgent(pid)) {
                err.println("reftrace: JVM " + pid + " does not run the reftrace agent (load it first: reftrace attach "
                        + pid + ")");
                return ExitCodes.USAGE;
            }
            long before = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1;
            String reply = Jvms.request(pid, installation.agentJar().toString(), "command=dump,file=" + file, TIMEOUT);
            if (reply != null && !reply.startsWith("reftrace: dump written")) {
                err.println(Terminal.escape(reply.strip()));
                return ExitCodes.USAGE;
            }
            if (!Files.exists(file) || Files.getLastModifiedTime(file).toMillis() == before) {
                err.println("reftrace: JVM " + pid + " wrote no dump to " + file + " (its stderr says why)");
                return ExitCodes.USAGE;
            }
        } catch (Jvms.JvmError e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("reftrace: dump written to " + file);
        err.flush();
        return ExitCodes.OK;
    }

    /** Renders {@code dump} as {@code page}; returns an exit code. */
    int render(Path dump, Path page, String title) throws IOException {
        ReportWriter writer = new ReportWriter(err);
        try {
            writer.write(writer.build(title, List.of(dump), Inputs::dump), page);
            return ExitCodes.OK;
        } catch (ReportWriter.InputError e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
