package org.reftrace.analysis;

import java.util.List;
import java.util.Map;

/**
 * A timing distribution as a report shows it: the count first, the percentiles, and the values in buckets that
 * double in width, so a page can draw the shape, not five bars of equal height. A distribution of one value is
 * that value ({@link #single()}).
 *
 * @param metric      {@code hold-duration}, {@code wait-duration}, {@code unregister-to-free} ...
 * @param key         what it is keyed by: a call site, an object kind, an object
 * @param count       values recorded
 * @param min         smallest, in nanoseconds
 * @param max         largest, in nanoseconds
 * @param mean        mean, in nanoseconds
 * @param percentiles {@code "50"}, {@code "90"}, {@code "99"}, {@code "99.9"} to value
 * @param buckets     non-empty buckets, lowest first; empty when {@code exact} is false
 * @param exact       whether it was computed from the recorded values (HdrHistogram's encoding, 3 significant
 *                    digits); false when a dump gave only a summary, which then is merged approximately
 * @param sources     how many histograms were added up into it (one per object for a per-kind wait)
 */
public record Distribution(String metric, String key, long count, long min, long max, double mean,
        Map<String, Long> percentiles, List<Bucket> buckets, boolean exact, int sources) {

    public Distribution {
        percentiles = Map.copyOf(percentiles);
        buckets = List.copyOf(buckets);
    }

    /**
     * Values in {@code [fromNanos, toNanos)}.
     *
     * @param fromNanos lowest value counted here
     * @param toNanos   one past the highest
     * @param count     values in it
     */
    public record Bucket(long fromNanos, long toNanos, long count) {}

    /** Whether there is just one value (or all values are equal): a report shows it as a value, not a chart. */
    public boolean single() {
        return count <= 1 || min == max;
    }
}
