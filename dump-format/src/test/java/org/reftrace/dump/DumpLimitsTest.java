package org.reftrace.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer stays within what the reader accepts, and says what it cut; stale temporary files go. */
class DumpLimitsTest {
    @TempDir
    Path dir;

    private static Dump with(List<HistogramSummary> histograms, String message) {
        Dump s = DumpRoundTripTest.sample();
        List<Problem> problems = s.problems().stream().map(p -> new Problem(p.type(), p.objectId(), p.object(),
                message, p.site(), p.thread(), p.atNanos(), p.stack(), p.otherStack())).toList();
        return new Dump(s.version(), s.meta(), s.health(), s.summary(), s.objects(), problems, s.waits(), s.pairings(),
                histograms, s.stacks());
    }

    @Test
    void aNonFiniteMeanIsWrittenAsZeroAndCounted() throws Exception {
        Path file = dir.resolve("d.json");
        DumpWriter.write(with(List.of(new HistogramSummary("hold-duration", "k", "ns", 0, 0, 0, Double.NaN,
                Map.of(), "")), "m"), file);
        Dump read = DumpReader.read(file);
        assertThat(read.histograms().get(0).mean()).isZero();
        assertThat(read.health().drops()).extracting(Drop::what, Drop::count)
                .contains(org.assertj.core.groups.Tuple.tuple("non-finite numbers written as 0 by the dump writer", 1L));
    }

    @Test
    void aStringAtTheLimitIsKeptWholeAndOneBeyondIsCutToIt() throws Exception {
        Path file = dir.resolve("d.json");
        String atLimit = "a".repeat(DumpLimits.MAX_STRING_CHARS);
        DumpWriter.write(with(List.of(), atLimit), file);
        Dump read = DumpReader.read(file);
        assertThat(read.problems().get(0).message()).isEqualTo(atLimit);
        assertThat(read.health().drops()).isEqualTo(DumpRoundTripTest.sample().health().drops());

        DumpWriter.write(with(List.of(), atLimit + "\uD83D\uDE00b"), file);
        String cut = DumpReader.read(file).problems().get(0).message();
        assertThat(cut).hasSizeLessThanOrEqualTo(DumpLimits.MAX_STRING_CHARS).endsWith("characters cut]");
        assertThat(cut.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2).isZero();
        assertThat(Files.readString(file)).contains("\"limitsApplied\":{\"stringsTruncated\":1,\"nonFiniteNumbers\":0}");
    }

    @Test
    void staleTempsOfDeadWritersGoAndLiveOnesStay() throws Exception {
        Path target = dir.resolve("dump.json");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        long live = ProcessHandle.current().pid();
        Path stale = Files.writeString(dir.resolve(".dump.json." + dead.pid() + ".123.tmp"), "x".repeat(2048));
        Path writing = Files.writeString(dir.resolve(".dump.json." + live + ".456.tmp"), "y");
        Path other = Files.writeString(dir.resolve(".other.json." + dead.pid() + ".1.tmp"), "z");
        assertThat(DumpWriter.removeStaleTemps(target)).isEqualTo(new DumpWriter.Removed(1, 2048));
        assertThat(stale).doesNotExist();
        assertThat(writing).exists();
        assertThat(other).exists();
    }
}
