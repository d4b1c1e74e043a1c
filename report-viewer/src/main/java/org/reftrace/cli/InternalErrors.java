package org.reftrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.reftrace.dump.PathTemplate;
import picocli.CommandLine;

/**
 * What a command throws instead of returning an exit code. A file the system refused (missing, unreadable,
 * disk full) is the user's to fix: one line, exit 2. Anything else is a bug in reftrace: one line naming a log
 * file (in the system's temporary folder) that holds the trace, exit 3; never a trace on the terminal.
 */
final class InternalErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof FileSystemException fse) {
            err.println("reftrace: " + Terminal.escape(describe(fse)));
            err.flush();
            return ExitCodes.USAGE;
        }
        if (e instanceof IOException io) {
            err.println("reftrace: input/output error: " + Terminal.escape(String.valueOf(io.getMessage())));
            err.flush();
            return ExitCodes.USAGE;
        }
        return internal(e, cli.getCommandSpec().qualifiedName(), err);
    }

    /** Logs {@code t}'s trace to a file and says where, in one line. Returns {@link ExitCodes#INTERNAL}. */
    static int internal(Throwable t, String command, PrintWriter err) {
        String where;
        try {
            Path log = Path.of(System.getProperty("java.io.tmpdir"), PathTemplate.expand("reftrace-error-%p-%t.log",
                    ProcessHandle.current().pid(), Instant.now()));
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            Files.writeString(log, command + " failed with an internal error\n" + trace, StandardCharsets.UTF_8);
            where = "the trace is in " + log;
        } catch (IOException | RuntimeException logFailed) {
            where = "and its trace could not be written: " + logFailed.getMessage();
        }
        err.println("reftrace: internal error in '" + command + "': " + Terminal.escape(String.valueOf(t))
                + " (" + where + "; please report it)");
        err.flush();
        return ExitCodes.INTERNAL;
    }

    private static String describe(FileSystemException e) {
        String file = e.getFile() == null ? "a file" : e.getFile();
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return file + ": permission denied";
        }
        return file + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
    }
}
