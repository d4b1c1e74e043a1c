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

    /** Every version 2 field set to something other than its default. */
    static Dump sampleV2() {
        Holder chained = new Holder("a.B.c(B.java:12)", "dst(dummy0) (DstEntry)", "org.reftrace.inet.DstEntry",
                "kworker/0", 10, 20, "tracker", "s1", 7L, true, true);
        TrackedObject object = new TrackedObject(3, "netdev", "lo", "hung", 2, 0, true,
                List.of(new LifecycleEvent("wait-warning", 11, "main", 5L)), List.of(chained), "netdev", "ns1",
                "org.reftrace.netdev.NetDevice");
        Problem problem = new Problem("use-after-free", 3, "lo", "put after free", "x.Y.z(Y.java:3)", "main", 5,
                List.of("x.Y.z(Y.java:3)"), List.of(), "netdev", 0,
                List.of(new Origin(Origin.Role.TAKEN, "x.Y.t(Y.java:1)", "main", 2, "s1"),
                        new Origin(Origin.Role.FREED, null, null, -1, null)));
        return new Dump(Dump.VERSION,
                new Meta("2026-11-29T15:00:00Z", 42, "OpenJDK 17", "netdev+kmem", "exit", "dump=x", 100,
                        List.of("netdev", "kmem"), "host1", "org.example.Main", "coarse clock, 1 ms resolution"),
                new Health(0, 0, 0, 0, List.of(), List.of("maxHolds=10"), false, 5, 6, "first 16 per site",
                        List.of("profile lease: hold = a.B#retian() does not exist"),
                        List.of(new ProfileHealth("lease", "lease.profile", 3, 2, List.of("a.B#retian()"), 9)),
                        List.of(new Drop("holds not recorded (the cap was reached)", 4, "maxHolds=10")),
                        List.of(new Drop("stacks not captured beyond the budget", 100, "stacks=16")), 2),
                new Summary(1, 1, 1, 0, 1, Map.of("use-after-free", 1), 1234),
                List.of(object), List.of(problem), List.of(new Wait(3, "lo", 3, 4, "gave-up", 2, "netdev")),
                Map.of("tracker", 7L), List.of(), Map.of("s1", List.of("a.B.c(B.java:12)")),
                List.of(new ProblemGroup(0, "use-after-free", "netdev", "x.Y.z(Y.java:3)", 12, 1)),
                List.of(new SiteStats("a.B.c(B.java:12)", "netdev", "hold", 1000, 999)));
    }

    @Test
    void versionTwoFieldsAreReadBackEqual() throws Exception {
        Path file = dir.resolve("dump.json");
        DumpWriter.write(sampleV2(), file);
        assertThat(DumpReader.read(file)).isEqualTo(sampleV2());
        assertThat(DumpReader.read(file).health().failures()).isEqualTo(1 + 4);
    }

    @Test
    void aVersionOneDumpIsStillRead() throws Exception {
        Path file = dir.resolve("v1.json");
        DumpWriter.write(sample(), file);
        // what a version 1 agent wrote: no version 2 field anywhere
        String v1 = Files.readString(file).replace("\"version\":" + Dump.VERSION, "\"version\":1")
                .replaceAll(",\"(profiles|missingTargets|problemGroups|sites)\":\\[[^\\]]*\\]", "")
                .replaceAll(",\"(drops|budgets)\":\\[\\]", "").replaceAll(",\"(namesUnreadable|objectsNotListed)\":0", "");
        assertThat(v1).doesNotContain("profiles").doesNotContain("objectsNotListed");
        Files.writeString(file, v1);
        Dump read = DumpReader.read(file);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.meta().profiles()).containsExactly("netdev");
        assertThat(read.objects().get(0).holders().get(0).ownerObjectId()).isNull();
        assertThat(read.problems().get(0).groupId()).isEqualTo(-1);
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
