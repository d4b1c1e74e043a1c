package org.reftrace.dump;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link Dump} as JSON, streaming (a million holders never sit in memory twice), and atomically: to a
 * temporary file beside the target, then renamed over it, so a crash never leaves half a dump.
 */
public final class DumpWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private DumpWriter() {}

    /** Writes {@code dump} to {@code target}, replacing it atomically. */
    public static void write(Dump dump, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only mode would stick to the dump after the rename.
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
                write(dump, out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes {@code dump} to a stream, which stays open. */
    public static void write(Dump dump, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", Dump.FORMAT);
            g.writeNumberField("version", dump.version());
            writeMeta(g, dump.meta());
            writeHealth(g, dump.health());
            writeSummary(g, dump.summary());
            g.writeArrayFieldStart("objects");
            for (TrackedObject o : dump.objects()) {
                writeObject(g, o);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("problems");
            for (Problem p : dump.problems()) {
                writeProblem(g, p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("waits");
            for (Wait w : dump.waits()) {
                g.writeStartObject();
                g.writeNumberField("objectId", w.objectId());
                g.writeStringField("object", w.object());
                g.writeNumberField("startNanos", w.startNanos());
                g.writeNumberField("durationNanos", w.durationNanos());
                g.writeStringField("outcome", w.outcome());
                g.writeNumberField("warnings", w.warnings());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("pairings");
            for (var e : new TreeMap<>(dump.pairings()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("histograms");
            for (HistogramSummary h : dump.histograms()) {
                writeHistogram(g, h);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("stacks");
            for (var e : sortedStacks(dump.stacks())) {
                g.writeFieldName(e.getKey());
                writeStrings(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static List<Map.Entry<String, List<String>>> sortedStacks(Map<String, List<String>> stacks) {
        return stacks.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getKey().length())
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }

    private static void writeMeta(JsonGenerator g, Meta m) throws IOException {
        g.writeObjectFieldStart("meta");
        g.writeStringField("createdAt", m.createdAt());
        g.writeNumberField("pid", m.pid());
        g.writeStringField("jvm", m.jvm());
        g.writeStringField("profile", m.profile());
        g.writeStringField("trigger", m.trigger());
        g.writeStringField("options", m.options());
        g.writeNumberField("uptimeNanos", m.uptimeNanos());
        g.writeEndObject();
    }

    private static void writeHealth(JsonGenerator g, Health h) throws IOException {
        g.writeObjectFieldStart("health");
        g.writeNumberField("adviceFailures", h.adviceFailures());
        g.writeNumberField("holdsDropped", h.holdsDropped());
        g.writeNumberField("problemsDropped", h.problemsDropped());
        g.writeNumberField("stacksDropped", h.stacksDropped());
        g.writeFieldName("failedToInstrument");
        writeStrings(g, h.failedToInstrument());
        g.writeFieldName("limits");
        writeStrings(g, h.limits());
        g.writeBooleanField("attachedLate", h.attachedLate());
        g.writeNumberField("instrumentedClasses", h.instrumentedClasses());
        g.writeNumberField("callSites", h.callSites());
        g.writeStringField("stackMode", h.stackMode());
        g.writeEndObject();
    }

    private static void writeSummary(JsonGenerator g, Summary s) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("objects", s.objects());
        g.writeNumberField("lingeringHolders", s.lingeringHolders());
        g.writeNumberField("holders", s.holders());
        g.writeNumberField("unattributed", s.unattributed());
        g.writeNumberField("problems", s.problems());
        g.writeObjectFieldStart("problemsByType");
        for (var e : new TreeMap<>(s.problemsByType()).entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeObject(JsonGenerator g, TrackedObject o) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", o.id());
        g.writeStringField("kind", o.kind());
        g.writeStringField("name", o.name());
        g.writeStringField("state", o.state());
        if (o.refcount() == null) {
            g.writeNullField("refcount");
        } else {
            g.writeNumberField("refcount", o.refcount());
        }
        g.writeNumberField("unattributed", o.unattributed());
        g.writeBooleanField("shouldBeFree", o.shouldBeFree());
        g.writeArrayFieldStart("lifecycle");
        for (LifecycleEvent e : o.lifecycle()) {
            g.writeStartObject();
            g.writeStringField("event", e.event());
            g.writeNumberField("atNanos", e.atNanos());
            g.writeStringField("thread", e.thread());
            if (e.value() != null) {
                g.writeNumberField("value", e.value());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("holders");
        for (Holder h : o.holders()) {
            g.writeStartObject();
            g.writeStringField("site", h.site());
            g.writeStringField("owner", h.owner());
            g.writeStringField("ownerClass", h.ownerClass());
            g.writeStringField("thread", h.thread());
            g.writeNumberField("sinceNanos", h.sinceNanos());
            g.writeNumberField("heldNanos", h.heldNanos());
            g.writeStringField("pairing", h.pairing());
            g.writeStringField("stack", h.stack());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeProblem(JsonGenerator g, Problem p) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", p.type());
        g.writeNumberField("objectId", p.objectId());
        g.writeStringField("object", p.object());
        g.writeStringField("message", p.message());
        g.writeStringField("site", p.site());
        g.writeStringField("thread", p.thread());
        g.writeNumberField("atNanos", p.atNanos());
        g.writeFieldName("stack");
        writeStrings(g, p.stack());
        g.writeFieldName("otherStack");
        writeStrings(g, p.otherStack());
        g.writeEndObject();
    }

    private static void writeHistogram(JsonGenerator g, HistogramSummary h) throws IOException {
        g.writeStartObject();
        g.writeStringField("metric", h.metric());
        g.writeStringField("key", h.key());
        g.writeStringField("unit", h.unit());
        g.writeNumberField("count", h.count());
        g.writeNumberField("min", h.min());
        g.writeNumberField("max", h.max());
        g.writeNumberField("mean", h.mean());
        g.writeObjectFieldStart("percentiles");
        for (var e : h.percentiles().entrySet().stream()
                .sorted(Comparator.comparingDouble(e -> Double.parseDouble(e.getKey()))).toList()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("encoded", h.encoded());
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
