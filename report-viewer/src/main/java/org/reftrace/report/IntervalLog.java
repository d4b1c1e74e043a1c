package org.reftrace.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.reftrace.analysis.HistogramMerger;
import org.reftrace.dump.HistogramSummary;

/**
 * Writes a report's timings as an HdrHistogram interval log, which {@code HistogramLogProcessor} and every tool
 * reading HdrHistogram logs understand. A dump's histograms count from its agent's start, so the interval between
 * two dumps of one JVM (periodic dumps) is the difference of their histograms; a JVM's first dump is the interval
 * from its start. Each interval is tagged: {@code hold:SITE} per call site, {@code wait:KIND} per object kind
 * (the per-object waits added up), {@code unregister-to-free:KIND}, and {@code METRIC:KEY} for others; the
 * untagged series is every call site's hold durations together, for tools that read one series. Intervals with
 * no value are left out. Values are nanoseconds.
 */
public final class IntervalLog {
    private IntervalLog() {}

    /** One interval of one tag. */
    private record Interval(long startMillis, long endMillis, String tag, Histogram histogram) {}

    /**
     * Writes the log to {@code file}, replacing it atomically.
     *
     * @return how many intervals were written
     */
    public static int write(ReportData data, Path file) throws IOException {
        List<Interval> intervals = intervals(data.intervals());
        org.reftrace.dump.AtomicWrite.write(file, out -> {
            PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
            write(data, intervals, print);
            print.flush();
        });
        return intervals.size();
    }

    private static void write(ReportData data, List<Interval> intervals, PrintStream out) {
        HistogramLogWriter log = new HistogramLogWriter(out);
        log.outputComment("reftrace timings from " + String.join(", ", data.sources()) + "; values in nanoseconds");
        for (JvmView j : data.jvms()) {
            log.outputComment("JVM " + j.index() + ": " + j.label() + ", " + j.dumps().size() + " dump(s)");
        }
        log.outputLogFormatVersion();
        long base = intervals.stream().mapToLong(Interval::startMillis).min().orElse(0);
        log.outputStartTime(base);
        log.setBaseTime(base);
        log.outputLegend();
        for (Interval i : intervals) {
            i.histogram().setStartTimeStamp(i.startMillis());
            i.histogram().setEndTimeStamp(Math.max(i.startMillis(), i.endMillis()));
            i.histogram().setTag(i.tag());
            log.outputIntervalHistogram(i.histogram());
        }
        out.flush();
    }

    private static List<Interval> intervals(List<IntervalSource> sources) {
        List<Interval> out = new ArrayList<>();
        Map<Integer, Map<String, Histogram>> previous = new HashMap<>();
        Map<Integer, Long> previousUptime = new HashMap<>();
        for (IntervalSource s : sources) {
            Map<String, Histogram> now = cumulative(s);
            Map<String, Histogram> before = previous.getOrDefault(s.jvm(), Map.of());
            long start = Math.max(0, s.startEpochMillis()) + previousUptime.getOrDefault(s.jvm(), 0L) / 1_000_000;
            long end = Math.max(0, s.startEpochMillis()) + s.uptimeNanos() / 1_000_000;
            Histogram all = new Histogram(3);
            for (Map.Entry<String, Histogram> e : now.entrySet()) {
                Histogram interval = difference(e.getValue(), before.get(e.getKey()));
                if (interval.getTotalCount() == 0) {
                    continue;
                }
                out.add(new Interval(start, end, e.getKey(), interval));
                if (e.getKey().startsWith("hold:")) {
                    all.add(interval);
                }
            }
            if (all.getTotalCount() > 0) {
                out.add(new Interval(start, end, null, all));
            }
            previous.put(s.jvm(), now);
            previousUptime.put(s.jvm(), s.uptimeNanos());
        }
        out.sort(Comparator.comparingLong(Interval::startMillis));
        return out;
    }

    /** The dump's histograms by tag, per-object waits added up per kind. */
    private static Map<String, Histogram> cumulative(IntervalSource s) {
        Map<String, Histogram> out = new LinkedHashMap<>();
        for (HistogramSummary h : s.histograms()) {
            Histogram decoded = HistogramMerger.decode(h.encoded());
            if (decoded == null) {
                continue; // a summary alone cannot be put in a log
            }
            String tag = switch (h.metric()) {
                case TimingViews.HOLD -> "hold:" + h.key();
                case TimingViews.WAIT -> "wait:" + s.kinds().getOrDefault(h.key(), "(kind unknown)");
                default -> h.metric() + ":" + h.key();
            };
            out.merge(tag(tag), decoded, (a, b) -> {
                a.add(b);
                return a;
            });
        }
        return out;
    }

    /** HdrHistogram's log format separates fields with commas and spaces: a tag has neither. */
    static String tag(String text) {
        return text.replaceAll("[\\s,]", "_");
    }

    private static Histogram difference(Histogram now, Histogram before) {
        Histogram interval = now.copy();
        if (before != null && before.getTotalCount() <= now.getTotalCount()) {
            try {
                interval.subtract(before);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                return now.copy(); // not a later state of the same counts: the whole is the interval
            }
        }
        return interval;
    }
}
