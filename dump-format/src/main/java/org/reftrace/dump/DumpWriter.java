package org.reftrace.dump;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Writes {@code dump} to {@code target}, replacing it atomically ({@link AtomicWrite}): through the temporary file
     * {@code .NAME.PID.NANOS.tmp} beside it, which carries the writer's pid so that one left by a killed process
     * can be told from one being written ({@link #removeStaleTemps}).
     */
    public static void write(Dump dump, Path target) throws IOException {
        AtomicWrite.write(target, out -> write(dump, out));
    }

    /** What {@link #removeStaleTemps} removed: files and bytes. */
    public record Removed(int files, long bytes) {}

    /**
     * Removes the temporary files that writers of {@code target} left when they were killed mid-dump
     * ({@code kill -9}, a crash): those whose pid is no live process. A live writer's file is never touched.
     */
    public static Removed removeStaleTemps(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return new Removed(0, 0);
        }
        String prefix = "." + target.getFileName() + ".";
        int files = 0;
        long bytes = 0;
        try (var entries = Files.newDirectoryStream(dir, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp");
        })) {
            for (Path temp : entries) {
                String[] parts = temp.getFileName().toString().substring(prefix.length()).split("\\.");
                if (parts.length != 3 || !parts[0].matches("\\d{1,18}")
                        || ProcessHandle.of(Long.parseLong(parts[0])).isPresent()) {
                    continue;
                }
                long size = Files.size(temp);
                if (Files.deleteIfExists(temp)) {
                    files++;
                    bytes += size;
                }
            }
        }
        return new Removed(files, bytes);
    }

    /** Writes {@code dump} to a stream, which stays open. */
    public static void write(Dump dump, OutputStream out) throws IOException {
        try (JsonGenerator raw = JSON.createGenerator(out, JsonEncoding.UTF8);
                LimitedGenerator g = new LimitedGenerator(raw)) {
            raw.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
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
                writeOptional(g, "kind", w.kind());
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
            g.writeArrayFieldStart("problemGroups");
            for (ProblemGroup group : dump.problemGroups()) {
                g.writeStartObject();
                g.writeNumberField("id", group.id());
                g.writeStringField("type", group.type());
                g.writeStringField("kind", group.kind());
                g.writeStringField("site", group.site());
                g.writeNumberField("count", group.count());
                g.writeNumberField("listed", group.listed());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("sites");
            for (SiteStats site : dump.sites()) {
                g.writeStartObject();
                g.writeStringField("site", site.site());
                g.writeStringField("profile", site.profile());
                g.writeStringField("role", site.role());
                g.writeNumberField("taken", site.taken());
                g.writeNumberField("released", site.released());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("stacks");
            for (var e : sortedStacks(dump.stacks())) {
                g.writeFieldName(e.getKey());
                writeStrings(g, e.getValue());
            }
            g.writeEndObject();
            if (g.stringsTruncated() > 0 || g.nonFiniteNumbers() > 0) {
                // last, since only now is it known; the reader turns it into health drops
                g.writeObjectFieldStart("limitsApplied");
                g.writeNumberField("stringsTruncated", g.stringsTruncated());
                g.writeNumberField("nonFiniteNumbers", g.nonFiniteNumbers());
                g.writeEndObject();
            }
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
        g.writeFieldName("profiles");
        writeStrings(g, m.profiles());
        writeOptional(g, "host", m.host());
        writeOptional(g, "mainClass", m.mainClass());
        writeOptional(g, "holdTiming", m.holdTiming());
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
        g.writeFieldName("missingTargets");
        writeStrings(g, h.missingTargets());
        g.writeArrayFieldStart("profiles");
        for (ProfileHealth p : h.profiles()) {
            g.writeStartObject();
            g.writeStringField("name", p.name());
            g.writeStringField("source", p.source());
            g.writeNumberField("targets", p.targets());
            g.writeNumberField("instrumentedTargets", p.instrumentedTargets());
            g.writeFieldName("missing");
            writeStrings(g, p.missing());
            g.writeNumberField("events", p.events());
            g.writeEndObject();
        }
        g.writeEndArray();
        writeDrops(g, "drops", h.drops());
        writeDrops(g, "budgets", h.budgets());
        g.writeNumberField("namesUnreadable", h.namesUnreadable());
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
        g.writeNumberField("objectsNotListed", s.objectsNotListed());
        g.writeEndObject();
    }

    private static void writeDrops(JsonGenerator g, String field, List<Drop> drops) throws IOException {
        g.writeArrayFieldStart(field);
        for (Drop d : drops) {
            g.writeStartObject();
            g.writeStringField("what", d.what());
            g.writeNumberField("count", d.count());
            g.writeStringField("option", d.option());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Writes the field only when it has a value: version 2 additions stay out of the way when unknown. */
    private static void writeOptional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
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
        writeOptional(g, "profile", o.profile());
        writeOptional(g, "namespace", o.namespace());
        writeOptional(g, "className", o.className());
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
            if (h.ownerObjectId() != null) {
                g.writeNumberField("ownerObjectId", h.ownerObjectId());
            }
            if (h.afterUnregister()) {
                g.writeBooleanField("afterUnregister", true);
            }
            if (h.stackRepresentative()) {
                g.writeBooleanField("stackRepresentative", true);
            }
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
        writeOptional(g, "kind", p.kind());
        if (p.groupId() >= 0) {
            g.writeNumberField("groupId", p.groupId());
        }
        if (!p.origins().isEmpty()) {
            g.writeArrayFieldStart("origins");
            for (Origin o : p.origins()) {
                g.writeStartObject();
                g.writeStringField("role", o.role());
                g.writeStringField("site", o.site());
                g.writeStringField("thread", o.thread());
                g.writeNumberField("atNanos", o.atNanos());
                g.writeStringField("stack", o.stack());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
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
