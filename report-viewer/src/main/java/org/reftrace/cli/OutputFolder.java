package org.reftrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure a folder the user named can take our output, before any work is done. */
final class OutputFolder {
    private OutputFolder() {}

    /** Creates the folder if needed; returns {@code null} when it is writable, or what is wrong with it. */
    static String prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            return "cannot create output folder '" + dir + "': " + e.getMessage()
                    + " (choose another with --out)";
        }
        if (!Files.isWritable(dir)) {
            return "output folder '" + dir + "' is not writable (choose another with --out)";
        }
        return null;
    }
}
