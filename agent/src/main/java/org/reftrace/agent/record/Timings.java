package org.reftrace.agent.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.reftrace.dump.HistogramSummary;

/**
 * The timing histograms (HdrHistogram, 3 significant digits, auto-resizing): how long references are held per
 * call site, how long waits last per kind of object, and how long objects take from unregister to free, per kind.
 *
 * <p>Hold durations live on their {@link Site}, so recording one costs no lookup. Those shorter than the coarse
 * clock's resolution (most of them) only bump a striped counter; about one hold per clock tick is timed precisely
 * ({@link AgentClock#takeSample()}), and when a report is made the short holds take the shape of their site's
 * precise samples (or are zeros where a site has none).
 *
 * <p>Thread-safe: recording is wait-free.
 */
final class Timings {
    private final SiteTable sites;
    private final ThreadCounts counts;
    private final Map<String, ConcurrentHistogram> waitByKind = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentHistogram> unregisterToFree = new ConcurrentHashMap<>();

    Timings(SiteTable sites, ThreadCounts counts) {
        this.sites = sites;
        this.counts = counts;
    }

    private final LongAdder samples = new LongAdder();

    /** A hold timed on the coarse clock, on the thread whose {@code cells} these are. */
    void holdDuration(ThreadCounts.Cells cells, Site site, long nanos) {
        if (nanos < AgentClock.RESOLUTION_NANOS) {
            cells.quick(site);
        } else {
            site.holdDurations.get().recordValue(nanos);
        }
    }

    /** A hold timed on the precise clock: one of the samples the short holds are drawn from. */
    void sampledHoldDuration(Site site, long nanos) {
        samples.increment();
        (nanos < AgentClock.RESOLUTION_NANOS ? site.quickSamples : site.holdDurations).get()
                .recordValue(Math.max(0, nanos));
    }

    /** How many holds were timed precisely so far. */
    long samples() {
        return samples.sum();
    }

    void waitDuration(String kind, long nanos) {
        waitByKind.computeIfAbsent(kind, s -> new ConcurrentHistogram(3)).recordValue(Math.max(0, nanos));
    }

    void unregisterToFree(String kind, long nanos) {
        unregisterToFree.computeIfAbsent(kind, s -> new ConcurrentHistogram(3)).recordValue(Math.max(0, nanos));
    }

    List<HistogramSummary> summaries() {
        List<HistogramSummary> out = new ArrayList<>();
        for (int id = 0; id < sites.size(); id++) {
            Site site = sites.get(id);
            long quick = counts.quick(site);
            ConcurrentHistogram slow = site.holdDurations.ifAny();
            ConcurrentHistogram sampled = site.quickSamples.ifAny();
            if (quick > 0 || slow != null || sampled != null) {
                ConcurrentHistogram all = slow != null ? slow.copy() : new ConcurrentHistogram(3);
                addShortHolds(all, quick, sampled == null ? null : sampled.copy());
                out.add(summary("hold-duration", site.frame(), all));
            }
        }
        waitByKind.forEach((kind, h) -> out.add(summary("wait-duration", kind, h)));
        unregisterToFree.forEach((kind, h) -> out.add(summary("unregister-to-free", kind, h)));
        out.sort(java.util.Comparator.comparing(HistogramSummary::metric).thenComparing(HistogramSummary::key));
        return out;
    }

    /**
     * The {@code quick} holds shorter than a tick, untimed, spread like the precise samples of such holds (which
     * count too); zeros when there is no sample.
     */
    private static void addShortHolds(AbstractHistogram into, long quick, AbstractHistogram samples) {
        long sampled = samples == null ? 0 : samples.getTotalCount();
        if (sampled == 0) {
            if (quick > 0) {
                into.recordValueWithCount(0, quick);
            }
            return;
        }
        double scale = (double) (quick + sampled) / sampled;
        long given = 0;
        long seen = 0;
        for (HistogramIterationValue v : samples.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            long upTo = Math.round(seen * scale); // cumulative rounding: the counts add up to quick + sampled exactly
            if (upTo > given) {
                into.recordValueWithCount(v.getValueIteratedTo(), upTo - given);
                given = upTo;
            }
        }
    }

    private static HistogramSummary summary(String metric, String key, ConcurrentHistogram live) {
        AbstractHistogram h = live.copy();
        Map<String, Long> percentiles = new LinkedHashMap<>();
        for (double p : new double[] {50, 90, 99, 99.9}) {
            percentiles.put(p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p),
                    h.getValueAtPercentile(p));
        }
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
        long count = h.getTotalCount();
        return new HistogramSummary(metric, key, "ns", count, count == 0 ? 0 : h.getMinValue(), h.getMaxValue(),
                count == 0 ? 0 : h.getMean(), percentiles, encoded);
    }
}
