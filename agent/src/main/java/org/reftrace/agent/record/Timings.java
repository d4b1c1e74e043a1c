package org.reftrace.agent.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.reftrace.dump.HistogramSummary;

/**
 * The timing histograms (HdrHistogram, 3 significant digits, auto-resizing): how long references are held per
 * call site, how long waits last per kind of object, and how long objects take from unregister to free, per kind.
 *
 * <p>Hold durations live on their {@link Site}, so recording one costs no lookup; those shorter than the coarse
 * clock's resolution (most of them) only bump a striped counter, and join the histogram as zeros when a report
 * is made.
 *
 * <p>Thread-safe: recording is wait-free.
 */
final class Timings {
    private final SiteTable sites;
    private final Map<String, ConcurrentHistogram> waitByKind = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentHistogram> unregisterToFree = new ConcurrentHashMap<>();

    Timings(SiteTable sites) {
        this.sites = sites;
    }

    void holdDuration(Site site, long nanos) {
        if (nanos < AgentClock.RESOLUTION_NANOS) {
            site.quickReleases.increment();
        } else {
            site.holdDurations().recordValue(nanos);
        }
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
            long quick = site.quickReleases.sum();
            ConcurrentHistogram slow = site.holdDurationsIfAny();
            if (quick > 0 || slow != null) {
                ConcurrentHistogram all = slow != null ? slow.copy() : new ConcurrentHistogram(3);
                all.recordValueWithCount(0, quick);
                out.add(summary("hold-duration", site.frame(), all));
            }
        }
        waitByKind.forEach((kind, h) -> out.add(summary("wait-duration", kind, h)));
        unregisterToFree.forEach((kind, h) -> out.add(summary("unregister-to-free", kind, h)));
        out.sort(java.util.Comparator.comparing(HistogramSummary::metric).thenComparing(HistogramSummary::key));
        return out;
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
