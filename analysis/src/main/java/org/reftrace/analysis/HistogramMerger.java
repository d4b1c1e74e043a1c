package org.reftrace.analysis;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.reftrace.dump.HistogramSummary;

/**
 * Adds up timing histograms, exactly, from HdrHistogram's encodings in the dumps: several dumps' histograms of one
 * call site, or the one-value wait histograms of two thousand objects into one per object kind. A histogram
 * without a readable encoding is merged from its summary (count, min, max, mean; percentiles of the largest), and
 * the result says it is not exact.
 *
 * <p>Not thread-safe.
 */
public final class HistogramMerger {
    static final List<String> PERCENTILES = List.of("50", "90", "99", "99.9");
    /** At most this many buckets; wider ranges get wider buckets. */
    static final int MAX_BUCKETS = 24;

    private final Map<String, Sum> sums = new LinkedHashMap<>();

    /** One metric and key being added up. */
    private static final class Sum {
        final String metric;
        final String key;
        final String unit;
        Histogram exact;
        HistogramSummary largestInexact;
        long inexactCount;
        long inexactMin = Long.MAX_VALUE;
        long inexactMax;
        double inexactTotal;
        int sources;

        Sum(String metric, String key, String unit) {
            this.metric = metric;
            this.key = key;
            this.unit = unit;
        }
    }

    /** Adds a histogram under its own metric and key. */
    public void add(HistogramSummary summary) {
        add(summary.metric(), summary.key(), summary);
    }

    /** Adds a histogram under another key, e.g. a per-object wait under its object's kind. */
    public void add(String metric, String key, HistogramSummary summary) {
        Sum sum = sums.computeIfAbsent(metric + "\u0000" + key, k -> new Sum(metric, key, summary.unit()));
        sum.sources++;
        Histogram decoded = decode(summary.encoded());
        if (decoded != null) {
            if (sum.exact == null) {
                sum.exact = decoded;
            } else {
                sum.exact.add(decoded);
            }
            return;
        }
        if (summary.count() <= 0) {
            return;
        }
        if (sum.largestInexact == null || summary.count() > sum.largestInexact.count()) {
            sum.largestInexact = summary;
        }
        sum.inexactCount += summary.count();
        sum.inexactMin = Math.min(sum.inexactMin, summary.min());
        sum.inexactMax = Math.max(sum.inexactMax, summary.max());
        sum.inexactTotal += summary.mean() * summary.count();
    }

    /** The sums as dump summaries, with their encodings (exact ones only), in the order first added. */
    public List<HistogramSummary> summaries() {
        List<HistogramSummary> out = new ArrayList<>();
        for (Distribution d : distributions()) {
            Sum sum = sums.get(d.metric() + "\u0000" + d.key());
            out.add(new HistogramSummary(d.metric(), d.key(), sum.unit == null ? "ns" : sum.unit, d.count(), d.min(),
                    d.max(), d.mean(), d.percentiles(), d.exact() ? encode(sum.exact) : null));
        }
        return out;
    }

    /** The sums, in the order first added. */
    public List<Distribution> distributions() {
        List<Distribution> out = new ArrayList<>();
        for (Sum sum : sums.values()) {
            out.add(distribution(sum));
        }
        return out;
    }

    private static Distribution distribution(Sum sum) {
        if (sum.inexactCount == 0) {
            Histogram h = sum.exact != null ? sum.exact : new Histogram(3);
            return of(sum.metric, sum.key, h, sum.sources);
        }
        // some inputs had no encoding: merge what their summaries say, and the exact part's summary with them
        long count = sum.inexactCount;
        long min = sum.inexactMin;
        long max = sum.inexactMax;
        double total = sum.inexactTotal;
        Map<String, Long> percentiles = sum.largestInexact.percentiles();
        if (sum.exact != null && sum.exact.getTotalCount() > 0) {
            Histogram h = sum.exact;
            count += h.getTotalCount();
            min = Math.min(min, h.getMinValue());
            max = Math.max(max, h.getMaxValue());
            total += h.getMean() * h.getTotalCount();
            if (h.getTotalCount() > sum.largestInexact.count()) {
                percentiles = percentiles(h);
            }
        }
        return new Distribution(sum.metric, sum.key, count, min, max, total / count, percentiles, List.of(), false,
                sum.sources);
    }

    /** One histogram as a dump carries it: its summary and its encoding (what the agent's snapshot writes). */
    public static HistogramSummary summary(String metric, String key, Histogram h) {
        Distribution d = of(metric, key, h, 1);
        return new HistogramSummary(metric, key, "ns", d.count(), d.min(), d.max(), d.mean(), d.percentiles(),
                encode(h));
    }

    /** The distribution of one histogram. */
    public static Distribution of(String metric, String key, Histogram h, int sources) {
        long count = h.getTotalCount();
        if (count == 0) {
            return new Distribution(metric, key, 0, 0, 0, 0, Map.of(), List.of(), true, sources);
        }
        return new Distribution(metric, key, count, h.getMinValue(), h.getMaxValue(), h.getMean(), percentiles(h),
                buckets(h), true, sources);
    }

    private static Map<String, Long> percentiles(Histogram h) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String p : PERCENTILES) {
            out.put(p, h.getValueAtPercentile(Double.parseDouble(p)));
        }
        return out;
    }

    /** Buckets doubling in width (or growing faster when the range is wide) from the smallest value's power of 2. */
    static List<Distribution.Bucket> buckets(Histogram h) {
        long min = Math.max(1, h.getMinValue());
        long max = Math.max(min, h.getMaxValue());
        long first = Long.highestOneBit(min);
        int doublings = 64 - Long.numberOfLeadingZeros(max / first);
        double base = 2;
        while (doublings / (Math.log(base) / Math.log(2)) > MAX_BUCKETS) {
            base *= 2;
        }
        List<Distribution.Bucket> out = new ArrayList<>();
        long from = 0;
        for (HistogramIterationValue v : h.logarithmicBucketValues(first, base)) {
            long to = v.getValueIteratedTo() + 1;
            if (v.getCountAddedInThisIterationStep() > 0) {
                out.add(new Distribution.Bucket(from, to, v.getCountAddedInThisIterationStep()));
            }
            from = to;
        }
        return out;
    }

    /** HdrHistogram's compressed encoding in base64 decoded, or {@code null} when absent or unreadable. */
    public static Histogram decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        } catch (DataFormatException | RuntimeException e) {
            return null;
        }
    }

    /** HdrHistogram's compressed encoding, in base64, as dumps carry it. */
    public static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }
}
