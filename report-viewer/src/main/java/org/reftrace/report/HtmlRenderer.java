package org.reftrace.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a {@link ReportData} as one self-contained HTML file: the template resource with its single data slot
 * filled with the data as JSON, escaped so that no string from a dump can end the script element or start
 * markup. The page's script renders everything from that data, as text.
 */
public final class HtmlRenderer {
    static final String SLOT = "__REFTRACE_DATA__";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = loadTemplate();

    private HtmlRenderer() {}

    private static String loadTemplate() {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream("report.html")) {
            if (in == null) {
                throw new IllegalStateException("report.html is missing from the reftrace jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's HTML. */
    public static String render(ReportData data) {
        try {
            return TEMPLATE.replace(SLOT, escapeForScript(JSON.writeValueAsString(data)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report data: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * JSON that is safe inside {@code <script type="application/json">}: {@code <}, {@code >} and {@code &} only
     * ever occur inside JSON strings, where their unicode escapes mean the same; so do the line separators that
     * old parsers choke on.
     */
    static String escapeForScript(String json) {
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes the page to {@code file} atomically: a failure never leaves a partial page behind. */
    public static void write(ReportData data, Path file) throws IOException {
        String html = render(data);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(temp, html, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
