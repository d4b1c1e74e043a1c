package org.reftrace.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpRoundTripTest {
    @TempDir
    Path dir;

    static Dump sample() {
        Holder holder = new Holder("a.B.c(B.java:12)", "dummy0.1 (NetDevice)", "org.reftrace.netdev.NetDevice",
                "main", 10, 20, "tracker", "s1");
        TrackedObject object = new TrackedObject(1, "netdev", "dummy0</script><b>", "hung", 2, 0, true,
                List.of(new LifecycleEvent("alloc", 1, "main")), List.of(holder));
        Problem problem = new Problem("double-free", 1, "eth0", "freed twice", "x.Y.z(Y.java:3)", "main", 5,
                List.of("x.Y.z(Y.java:3)"), List.of("x.Y.w(Y.java:9)"));
        HistogramSummary histogram = new HistogramSummary("hold-duration", "a.B.c(B.java:12)", "ns", 3, 1, 9, 4.5,
                Map.of("50", 4L, "99.9", 9L), "HISTFAAAA");
        return new Dump(Dump.VERSION,
                new Meta("2026-11-29T15:00:00Z", 42, "OpenJDK 17", "netdev", "exit", "dump=x", 100),
                new Health(1, 2, 3, 4, List.of("a.B: failed"), List.of("maxHolds=10"), true, 5, 6, "first 16 per site"),
                new Summary(1, 1, 1, 0, 1, Map.of("double-free", 1)),
                List.of(object), List.of(problem), List.of(new Wait(1, "dummy0", 3, 4, "gave-up", 2)),
                Map.of("tracker", 7L), List.of(histogram), Map.of("s1", List.of("a.B.c(B.java:12)", "main")));
    }

    @Test
    void whatIsWrittenIsReadBackEqual() throws Exception {
        Path file = dir.resolve("dump.json");
        DumpWriter.write(sample(), file);
        assertThat(DumpReader.read(file)).isEqualTo(sample());
        assertThat(Files.list(dir)).containsExactly(file); // no temporary file left behind
    }

    @Test
    void rewritingReplacesTheDumpWhole() throws Exception {
        Path file = dir.resolve("dump.json");
        Files.writeString(file, "old content that is longer than nothing");
        DumpWriter.write(sample(), file);
        assertThat(DumpReader.read(file)).isEqualTo(sample());
    }

    private DumpFormatException readBroken(String content) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        try {
            DumpReader.read(file);
        } catch (DumpFormatException e) {
            return e;
        }
        throw new AssertionError("read without error: " + content);
    }

    @Test
    void emptyFileIsReportedAsEmpty() throws Exception {
        assertThat(readBroken("").getMessage()).endsWith("broken.json: is empty (expected a reftrace JSON dump)");
        assertThat(readBroken("   \n").getMessage()).contains("is empty");
    }

    @Test
    void nonJsonIsReportedWithItsPosition() throws Exception {
        DumpFormatException e = readBroken("hello world");
        assertThat(e.getMessage()).contains("broken.json:1:").contains("not valid JSON");
        assertThat(readBroken("[1,2]").getMessage()).contains("is not a reftrace dump (expected a JSON object)");
    }

    @Test
    void truncatedDumpIsReportedAsTruncated() throws Exception {
        Path whole = dir.resolve("whole.json");
        DumpWriter.write(sample(), whole);
        String text = Files.readString(whole);
        DumpFormatException e = readBroken(text.substring(0, text.length() / 2));
        assertThat(e.getMessage()).contains("truncated");
        assertThat(e.line()).isPositive();
    }

    @Test
    void futureVersionSaysToUpgrade() throws Exception {
        DumpFormatException e = readBroken("{\"format\":\"reftrace-dump\",\"version\":99}");
        assertThat(e.getMessage()).contains("broken.json:1:").contains("newer reftrace (dump format version 99")
                .contains("upgrade reftrace");
    }

    @Test
    void otherFormatsAndMissingOrMistypedFieldsAreNamed() throws Exception {
        assertThat(readBroken("{\"format\":\"hprof\",\"version\":1}").getMessage())
                .contains("format is 'hprof', expected 'reftrace-dump'");
        assertThat(readBroken("{\"format\":\"reftrace-dump\",\"version\":1}").getMessage())
                .contains("the dump has no 'meta' field");
        assertThat(readBroken("{\"format\":\"reftrace-dump\",\"version\":\"one\"}").getMessage())
                .contains("version should be a whole number, not a string");
    }

    @Test
    void missingFileAndFolderAreNamed() {
        assertThatThrownBy(() -> DumpReader.read(dir.resolve("nope.json"))).hasMessageEndingWith("nope.json: no such file");
        assertThatThrownBy(() -> DumpReader.read(dir)).hasMessageContaining("is a folder");
    }
}
