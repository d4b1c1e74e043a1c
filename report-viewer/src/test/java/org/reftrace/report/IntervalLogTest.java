package org.reftrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reftrace.dump.Dump;

/** {@code report --hlog}: the log read back with HdrHistogram's own reader, and its processor run on it. */
class IntervalLogTest {
    static final String SITE = "app.Cache.put(Cache.java:9)";

    @TempDir
    Path dir;

    /** Three periodic dumps of one run: each dump's histograms count from the start, as the agent's do. */
    private static List<ReportBuilder.Source> periodicRun() {
        List<ReportBuilder.Source> sources = new ArrayList<>();
        List<Long> holds = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        for (int dump = 1; dump <= 3; dump++) {
            for (int i = 0; i < 10 * dump; i++) {
                holds.add(dump * 1_000_000L);
            }
            waits.add(dump * 100_000_000L);
            DumpBuilder b = new DumpBuilder(77).at(dump * 10L).object(1, "netdev", "lo", null, "registered", false)
                    .histogram("hold-duration", SITE, holds.stream().mapToLong(Long::longValue).toArray());
            for (int w = 0; w < waits.size(); w++) {
                b.histogram("wait-duration", "veth" + w, waits.get(w));
            }
            sources.add(new ReportBuilder.Source("periodic-" + dump + ".json", b.build()));
        }
        return sources;
    }

    private static Map<String, List<EncodableHistogram>> read(Path log) throws Exception {
        Map<String, List<EncodableHistogram>> byTag = new LinkedHashMap<>();
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            byTag.computeIfAbsent(String.valueOf(h.getTag()), k -> new ArrayList<>()).add(h);
        }
        reader.close();
        return byTag;
    }

    @Test
    void periodicDumpsOfOneRunBecomeIntervalsThatHdrHistogramsReaderReadsBack() throws Exception {
        ReportData data = ReportBuilder.build("t", periodicRun(), Progress.SILENT);
        Path log = dir.resolve("timings.hlog");
        assertThat(IntervalLog.write(data, log)).isEqualTo(9);
        Map<String, List<EncodableHistogram>> byTag = read(log);
        assertThat(byTag).containsOnlyKeys("hold:" + SITE, "wait:netdev", "null");
        List<EncodableHistogram> holds = byTag.get("hold:" + SITE);
        // 10 values by the first dump, 20 more by the second, 30 more by the third: the intervals are the differences
        assertThat(holds).extracting(h -> ((Histogram) h).getTotalCount()).containsExactly(10L, 20L, 30L);
        assertThat(((Histogram) holds.get(2)).getMinValue()).isBetween(2_990_000L, 3_010_000L);
        long start = java.time.Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        assertThat(holds).extracting(EncodableHistogram::getStartTimeStamp)
                .containsExactly(start, start + 10_000, start + 20_000);
        assertThat(holds.get(0).getEndTimeStamp() - holds.get(0).getStartTimeStamp()).isEqualTo(10_000);
        assertThat(byTag.get("wait:netdev")).extracting(h -> ((Histogram) h).getTotalCount()).containsExactly(1L, 1L, 1L);
        assertThat(byTag.get("null")).extracting(h -> ((Histogram) h).getTotalCount()).containsExactly(10L, 20L, 30L);
    }

    @Test
    void hdrHistogramsLogProcessorRunsOnIt() throws Exception {
        Path log = dir.resolve("timings.hlog");
        IntervalLog.write(ReportBuilder.build("t", periodicRun(), Progress.SILENT), log);
        Path jar = Path.of(Histogram.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path out = dir.resolve("processed");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar.toString(), "org.HdrHistogram.HistogramLogProcessor", "-i", log.toString(), "-o", out.toString(),
                "-tag", "hold:" + SITE, "-outputValueUnitRatio", "1000000").redirectErrorStream(true)
                .redirectOutput(dir.resolve("processor.txt").toFile()).start();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("processor.txt"))).isZero();
        List<String> intervals = Files.readAllLines(out);
        assertThat(intervals.stream().filter(l -> l.matches("^\\s*\\d.*")).toList()).hasSize(3);
        String distribution = Files.readString(dir.resolve("processed.hgrm"));
        assertThat(distribution).contains("#[Mean").contains("Total count    =           60]");
    }

    @Test
    void tagsHaveNoSeparatorsOfTheLogFormat() {
        assertThat(IntervalLog.tag("wait:netdev (kernel log),x y")).isEqualTo("wait:netdev_(kernel_log)_x_y");
    }

    @Test
    void aDumpWithoutHistogramsWritesAnEmptyButReadableLog() throws Exception {
        Dump dump = new DumpBuilder(1).object(1, "netdev", "lo", null, "registered", false).build();
        Path log = dir.resolve("empty.hlog");
        assertThat(IntervalLog.write(ReportBuilder.build("t", List.of(new ReportBuilder.Source("d.json", dump)),
                Progress.SILENT), log)).isZero();
        assertThat(read(log)).isEmpty();
        assertThat(Files.readString(log)).contains("#[StartTime:");
    }
}
