package org.reftrace.agent.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.reftrace.dump.DumpWriter;

/**
 * The agent's dump path, checked at start: a path that cannot be written is one clear line at start-up (and
 * the agent stays off), not a surprise at exit after a long run.
 */
final class DumpPath {
    private DumpPath() {}

    /**
     * Whether a dump can be written to {@code file}: its folder exists or can be created, and a file can be
     * created in it (the dump is written to a temporary file there, then renamed over {@code file}). Creates the
     * folder; leaves no file behind.
     *
     * @return {@code null} when it can, else why not, e.g. {@code "/proc is not writable"}
     */
    static String problem(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            return target + " is a folder (expected: a file path)";
        }
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            return "cannot create the folder " + dir + " (" + reason(e) + ")";
        }
        Path probe = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".probe.tmp");
        try {
            Files.newOutputStream(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            Files.deleteIfExists(probe);
        } catch (IOException | SecurityException e) {
            return "cannot write in the folder " + dir + " (" + reason(e) + ")";
        }
        return null;
    }

    /**
     * Removes what writers of {@code file} killed mid-dump left beside it ({@link DumpWriter#removeStaleTemps}),
     * and says so in one line on stderr when there was any; never throws.
     */
    static void removeStaleTemps(Path file) {
        try {
            DumpWriter.Removed removed = DumpWriter.removeStaleTemps(file);
            if (removed.files() > 0) {
                System.err.println("reftrace: removed " + removed.files() + " temporary dump file"
                        + (removed.files() == 1 ? "" : "s") + " (" + removed.bytes() / 1024 + " KiB) that killed "
                        + "processes left beside " + file.toAbsolutePath());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("reftrace: could not look for stale temporary dump files beside " + file + ": " + e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it takes no new files"; // e.g. /proc: ENOENT for a file that cannot be created there
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
