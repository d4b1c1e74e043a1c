package org.reftrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpLimits;
import org.reftrace.dump.DumpReader;
import org.reftrace.dump.DumpWriter;
import org.reftrace.report.Dumps;

/**
 * Issue 13's crafted inputs, one of each kind it lists (each once printed a 20-36 line trace, was accepted when
 * it should not be, or exited 0 writing nothing): each is one line and exit 2 now, and no page is written.
 * The base is a real agent dump (src/test/resources/fuzz-seeds/seed1.json).
 */
class CraftedInputsTest {
    private static final String NL = System.lineSeparator();
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String seed;

    @BeforeEach
    void readSeed() throws Exception {
        try (var in = getClass().getResourceAsStream("/fuzz-seeds/seed1.json")) {
            seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private int run(String... args) {
        err.getBuffer().setLength(0);
        var cli = ReftraceCommand.commandLine(new Installation(dir));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** {@code report} of {@code text}: exit 2, one line that starts with {@code expected}, no page. */
    private void refused(String name, String text, String expected) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Path page = dir.resolve(name + ".html");
        assertThat(run("report", file.toString(), "-o", page.toString())).as(name).isEqualTo(2);
        // a progress line for a big file may come first; the verdict is one line
        assertThat(err.toString().lines().filter(l -> !l.startsWith("reftrace: reading "))).as(name).singleElement()
                .asString().startsWith(expected);
        assertThat(page).as(name).doesNotExist();
    }

    private String cannot(String name) {
        return "reftrace: cannot read dump " + dir.resolve(name) + ":";
    }

    @Test
    void aNullWhereTheFormatWantsAStringIsRefusedNamingTheField() throws Exception {
        String text = seed.replaceFirst("\"type\":\"[^\"]+\"", "\"type\":null");
        refused("null-type.json", text, cannot("null-type.json"));
        assertThat(err.toString()).contains("problem.type should be a string, not null");
    }

    @Test
    void numbersOutOfRangeAreRefusedNotWrapped() throws Exception {
        refused("int-overflow.json", seed.replaceFirst("\"objects\":\\d+", "\"objects\":4294967297"),
                cannot("int-overflow.json"));
        assertThat(err.toString()).contains("summary.objects is out of range: 4294967297 (expected: 0..2147483647)");
        refused("negative-count.json", seed.replaceFirst("\"holdsDropped\":\\d+", "\"holdsDropped\":-5"),
                cannot("negative-count.json"));
        assertThat(err.toString()).contains("health.holdsDropped is out of range: -5");
        refused("long-overflow.json", seed.replaceFirst("\"pid\":\\d+", "\"pid\":9223372036854775808"),
                cannot("long-overflow.json"));
        assertThat(err.toString()).contains("meta.pid is out of range: 9223372036854775808");
        refused("infinite.json", seed.replaceFirst("\"mean\":[0-9.]+", "\"mean\":1e999"), cannot("infinite.json"));
        assertThat(err.toString()).contains("histogram.mean is out of range: 1e999 (expected a finite number)");
    }

    @Test
    void theVersionIsComparedWhole() throws Exception {
        refused("version.json", seed.replaceFirst("\"version\":2", "\"version\":4294967297"), cannot("version.json"));
        assertThat(err.toString()).contains("was written by a newer reftrace (dump format version 4294967297; this "
                + "reftrace reads up to version " + Dump.VERSION + "): upgrade reftrace");
    }

    @Test
    void aFiveThousandDigitNumberIsRefusedWithTheLimit() throws Exception {
        refused("digits.json", seed.replaceFirst("\"pid\":\\d+", "\"pid\":" + "7".repeat(5000)), cannot("digits.json"));
        assertThat(err.toString()).contains(": a number is longer than 64 characters (the dump format's limits, see "
                + "docs/dump-format.md; a reftrace agent never writes such a dump)");
    }

    @Test
    void nestingThousandAndOneDeepIsRefusedWithTheLimit() throws Exception {
        String deep = "[".repeat(1001) + "]".repeat(1001);
        refused("deep.json", seed.replaceFirst("\"objects\":\\[", "\"unknown\":" + deep + ",\"objects\":["),
                cannot("deep.json"));
        assertThat(err.toString()).contains(": arrays and objects nest deeper than 64 (the dump format's limits");
    }

    @Test
    void trailingGarbageIsRefused() throws Exception {
        refused("trailing.json", seed + "x", cannot("trailing.json"));
        refused("second.json", seed + seed, cannot("second.json"));
        assertThat(err.toString()).contains("has more after the end of the dump (expected the end of the file)");
    }

    @Test
    void aNameLongerThanTheLimitIsRefusedAndTheWriterNeverWritesOne() throws Exception {
        String huge = "n".repeat(25_000_000);
        refused("huge-name.json", seed.replaceFirst("\"name\":\"[^\"]*\"", "\"name\":\"" + huge + "\""),
                cannot("huge-name.json"));
        assertThat(err.toString()).contains(": a string is longer than " + DumpLimits.MAX_STRING_CHARS + " characters");

        // the agent's own writer, given such a name: it cuts it, says so in the dump, and the viewer reads it
        Path written = dir.resolve("written.json");
        DumpWriter.write(Dumps.hung(huge, 1, "app.Cache.put(Cache.java:9)"), written);
        Dump read = DumpReader.read(written);
        String name = read.objects().get(0).name();
        assertThat(name).hasSizeLessThanOrEqualTo(DumpLimits.MAX_STRING_CHARS).startsWith("nnnn")
                .endsWith("characters cut]");
        assertThat(read.health().drops()).anySatisfy(d -> {
            assertThat(d.what()).isEqualTo("strings cut to " + DumpLimits.MAX_STRING_CHARS + " characters by the dump writer");
            assertThat(d.count()).isEqualTo(3); // the object's name, the problem's and the wait's
        });
        assertThat(run("report", written.toString(), "-o", dir.resolve("written.html").toString())).isZero();
    }

    @Test
    void randomBytesToDiffAreOneLine() throws Exception {
        byte[] bytes = new byte[4096];
        new Random(13).nextBytes(bytes);
        Path random = Files.write(dir.resolve("random.bin"), bytes);
        Path real = Files.writeString(dir.resolve("real.json"), seed);
        assertThat(run("diff", real.toString(), random.toString(), "-o", dir.resolve("d.html").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: cannot read kernel log " + random + ": it holds binary data "
                + "(NUL bytes), not text" + NL);
        assertThat(dir.resolve("d.html")).doesNotExist();
    }

    @Test
    void aLoneCarriageReturnToKernelLogIsOneLine() throws Exception {
        Path cr = Files.writeString(dir.resolve("cr.txt"), "\r");
        assertThat(run("kernel-log", cr.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: cannot read kernel log " + cr + ": is empty (only blank space)" + NL);
        Path crs = Files.writeString(dir.resolve("crs.txt"), "[    1.000000] a\r[    2.000000] b\rline\r");
        assertThat(run("kernel-log", crs.toString())).isZero(); // CR-only line ends are text, without a leak report
        assertThat(err.toString()).contains("has no leak report");
    }

    @Test
    void diffOfAJsonArrayIsRefusedNotSilentlyEmpty() throws Exception {
        Path array = Files.writeString(dir.resolve("array.json"), "[" + seed + "]");
        Path real = Files.writeString(dir.resolve("real.json"), seed);
        assertThat(run("diff", array.toString(), real.toString(), "-o", dir.resolve("d.html").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: cannot read dump " + array + ":1:1: is not a reftrace dump "
                + "(expected a JSON object)" + NL);
        assertThat(dir.resolve("d.html")).doesNotExist();
    }

    @Test
    void controlCharactersInADumpNeverReachTheTerminal() throws Exception {
        refused("esc.json", seed.replaceFirst("\"format\":\"reftrace-dump\"", "\"format\":\"\\\\u001b[2J\\\\u0000\""),
                cannot("esc.json"));
        assertThat(err.toString()).contains("format is '\\e[2J\\0'").doesNotContain("\u001b").doesNotContain("\u0000");
    }
}
