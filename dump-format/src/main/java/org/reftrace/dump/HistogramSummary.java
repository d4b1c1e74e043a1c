package org.reftrace.dump;

import java.util.Map;

/**
 * A timing distribution, recorded with HdrHistogram.
 *
 * @param metric      {@code hold-duration} (per call site), {@code wait-duration} (per object),
 *                    {@code unregister-to-free} (per object kind)
 * @param key         what it is keyed by: a call site, an object or a kind
 * @param unit        always {@code ns}
 * @param count       values recorded
 * @param min         smallest value
 * @param max         largest value
 * @param mean        mean value
 * @param percentiles percentile ({@code "50"}, {@code "90"}, {@code "99"}, {@code "99.9"}) → value
 * @param encoded     the whole histogram, HdrHistogram's compressed base64 encoding, for merging
 */
public record HistogramSummary(String metric, String key, String unit, long count, long min, long max, double mean,
        Map<String, Long> percentiles, String encoded) {

    public HistogramSummary {
        percentiles = Map.copyOf(percentiles);
    }
}
