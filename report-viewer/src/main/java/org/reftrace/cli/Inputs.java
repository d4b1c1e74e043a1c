package org.reftrace.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpFormatException;
import org.reftrace.dump.DumpReader;
import org.reftrace.kernellog.KernelLogDumps;
import org.reftrace.kernellog.KernelLogParser;
import org.reftrace.kernellog.KernelLogReport;

/** Reads what the CLI is given: an agent dump (JSON), or a kernel log (text). */
final class Inputs {
    private Inputs() {}

    /** Reads a dump; a kernel log given instead is pointed at {@code reftrace kernel-log}. */
    static Dump dump(Path file) throws ReportWriter.InputError, IOException {
        try {
            return DumpReader.read(file);
        } catch (DumpFormatException e) {
            if (!looksLikeJson(file) && looksLikeKernelLog(file)) {
                throw new ReportWriter.InputError("reftrace: " + Terminal.escape(file.toString()) + " is a kernel log, "
                        + "not an agent dump (render it with: reftrace kernel-log " + Terminal.escape(file.toString()) + ")");
            }
            throw new ReportWriter.InputError("reftrace: cannot read dump " + Terminal.escape(e.getMessage()));
        }
    }

    /** A kernel log: printk's "[ seconds.micros]" prefix on a line, or a leak report the parser recognizes. */
    private static boolean looksLikeKernelLog(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return KERNEL_LINE.matcher(text).find() || !KernelLogParser.parse(file.toString(), text).isEmpty();
    }

    private static final java.util.regex.Pattern KERNEL_LINE =
            java.util.regex.Pattern.compile("(?m)^(<\\d>)?\\[\\s*\\d+\\.\\d{6}\\]");

    /** Reads a kernel log; {@code null} when it reports no leak. */
    static Dump kernelLog(Path file) throws ReportWriter.InputError, IOException {
        if (!Files.isRegularFile(file)) {
            throw new ReportWriter.InputError("reftrace: cannot read kernel log " + Terminal.escape(file.toString()) + ": "
                    + (Files.isDirectory(file) ? "is a folder" : "no such file"));
        }
        if (Files.size(file) == 0) {
            throw new ReportWriter.InputError("reftrace: cannot read kernel log " + Terminal.escape(file.toString())
                    + ": is empty");
        }
        byte[] bytes = Files.readAllBytes(file);
        String problem = notText(bytes);
        if (problem != null) {
            throw new ReportWriter.InputError("reftrace: cannot read kernel log " + Terminal.escape(file.toString())
                    + ": " + problem);
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        KernelLogReport report = KernelLogParser.parse(file.toString(), text);
        return report.isEmpty() ? null : KernelLogDumps.toDump(report);
    }

    /**
     * Why {@code bytes} are no log text, or {@code null}: blank, or binary (a NUL byte, or more than one byte in
     * twenty a control character other than tab, line ends, form feed and the ESC of colour codes).
     */
    static String notText(byte[] bytes) {
        int control = 0;
        boolean blank = true;
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == 0) {
                return "it holds binary data (NUL bytes), not text";
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) {
                control++;
            }
            blank &= c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        }
        if (control * 20L > bytes.length) {
            return "it holds binary data (" + control + " control bytes in " + bytes.length + "), not text";
        }
        return blank ? "is empty (only blank space)" : null;
    }

    /** A dump when the file is JSON, else a kernel log. */
    static Dump any(Path file) throws ReportWriter.InputError, IOException {
        return looksLikeJson(file) ? dump(file) : kernelLog(file);
    }

    private static boolean looksLikeJson(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return true; // let the dump reader say what is wrong
        }
        try (var in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) != -1) {
                if (!Character.isWhitespace(c)) {
                    return c == '{' || c == '['; // an array is JSON, and not a dump: the reader says so
                }
            }
        }
        return true;
    }
}
