package org.reftrace.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link ReportData} as one self-contained HTML file: the template resource with its style and script
 * slots filled from the resources beside it and its single data slot filled with the data as JSON, escaped so
 * that no string from a dump can end the script element or start markup. The page's script renders everything
 * from that data, as text. The JSON is streamed to the file, never held as one string, so a page of a million
 * objects costs no more memory than its data.
 */
public final class HtmlRenderer {
    static final String SLOT = "__REFTRACE_DATA__";
    static final String STYLE_SLOT = "/*__REFTRACE_STYLE__*/";
    static final String SCRIPT_SLOT = "/*__REFTRACE_SCRIPT__*/";
    /** The page's script, in the order the parts depend on each other. */
    static final List<String> SCRIPTS = List.of("page/base.js", "page/summary.js", "page/flame.js",
            "page/objects.js", "page/problems.js", "page/timings.js", "page/health.js", "page/main.js");
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final String[] TEMPLATE = loadTemplate();

    private HtmlRenderer() {}

    private static String[] loadTemplate() {
        String html = resource("report.html").replace(STYLE_SLOT, resource("page/report.css"));
        StringBuilder script = new StringBuilder();
        for (String part : SCRIPTS) {
            script.append("// ---- ").append(part).append(" ----\n").append(resource(part)).append('\n');
        }
        html = html.replace(SCRIPT_SLOT, script);
        int slot = html.indexOf(SLOT);
        if (slot < 0) {
            throw new IllegalStateException("report.html has no data slot");
        }
        return new String[] {html.substring(0, slot), html.substring(slot + SLOT.length())};
    }

    private static String resource(String name) {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the reftrace jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's HTML, as one string (for small pages and tests). */
    public static String render(ReportData data) {
        StringWriter out = new StringWriter();
        try {
            render(data, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the page to {@code out}, which stays open. */
    public static void render(ReportData data, Writer out) throws IOException {
        out.write(TEMPLATE[0]);
        ScriptSafeWriter json = new ScriptSafeWriter(out);
        JSON.writeValue(json, data);
        json.flush();
        out.write(TEMPLATE[1]);
    }

    /**
     * JSON that is safe inside {@code <script type="application/json">}: {@code <}, {@code >} and {@code &} only
     * ever occur inside JSON strings, where their unicode escapes mean the same; so do the line separators that
     * old parsers choke on.
     */
    static String escapeForScript(String json) {
        StringWriter out = new StringWriter(json.length() + 64);
        try (ScriptSafeWriter w = new ScriptSafeWriter(out)) {
            w.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Escapes, as {@link #escapeForScript} says, what passes through it. */
    static final class ScriptSafeWriter extends FilterWriter {
        ScriptSafeWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            switch (c) {
                case '<' -> out.write("\\u003c");
                case '>' -> out.write("\\u003e");
                case '&' -> out.write("\\u0026");
                case '\u2028' -> out.write("\\u2028");
                case '\u2029' -> out.write("\\u2029");
                default -> out.write(c);
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            int start = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                char c = chars[i];
                if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                    out.write(chars, start, i - start);
                    write(c);
                    start = i + 1;
                }
            }
            out.write(chars, start, end - start);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            write(text.toCharArray(), offset, length);
        }

        @Override
        public void close() throws IOException {
            flush(); // the target is not ours to close
        }
    }

    /** Writes the page to {@code file} atomically: a failure never leaves a partial page behind. */
    public static void write(ReportData data, Path file) throws IOException {
        org.reftrace.dump.AtomicWrite.write(file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            render(data, writer);
            writer.flush();
        });
    }
}
