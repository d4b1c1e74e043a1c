package org.reftrace.report;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.reftrace.dump.HistogramSummary;

/**
 * Adds up histograms of the same metric and key from several dumps, by decoding HdrHistogram's encoding, and
 * summarises the sums again. A histogram without a readable encoding is kept as it is.
 */
final class HistogramMerger {
    private final Map<String, Histogram> sums = new LinkedHashMap<>();
    private final Map<String, HistogramSummary> firsts = new LinkedHashMap<>();

    void add(HistogramSummary summary) {
        String key = summary.metric() + "\u0000" + summary.key();
        firsts.putIfAbsent(key, summary);
        Histogram decoded = decode(summary.encoded());
        if (decoded == null) {
            return;
        }
        sums.merge(key, decoded, (a, b) -> {
            a.add(b);
            return a;
        });
    }

    List<HistogramSummary> summaries() {
        List<HistogramSummary> out = new ArrayList<>();
        firsts.forEach((key, first) -> {
            Histogram sum = sums.get(key);
            out.add(sum == null ? first : summarise(first, sum));
        });
        return out;
    }

    private static Histogram decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        } catch (DataFormatException | RuntimeException e) {
            return null;
        }
    }

    private static HistogramSummary summarise(HistogramSummary first, Histogram h) {
        Map<String, Long> percentiles = new LinkedHashMap<>();
        for (String p : List.of("50", "90", "99", "99.9")) {
            percentiles.put(p, h.getValueAtPercentile(Double.parseDouble(p)));
        }
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        long count = h.getTotalCount();
        return new HistogramSummary(first.metric(), first.key(), first.unit(), count,
                count == 0 ? 0 : h.getMinValue(), h.getMaxValue(), count == 0 ? 0 : h.getMean(), percentiles,
                Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
    }
}
