package org.reftrace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.reftrace.dump.HistogramSummary;

class HistogramMergerTest {

    private static HistogramSummary summary(String metric, String key, long... values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        return new HistogramSummary(metric, key, "ns", h.getTotalCount(), h.getMinValue(), h.getMaxValue(),
                h.getMean(), Map.of("50", h.getValueAtPercentile(50)), HistogramMerger.encode(h));
    }

    @Test
    void oneValueWaitsOfManyObjectsAddUpToOneDistributionPerKind() {
        HistogramMerger merger = new HistogramMerger();
        for (int i = 1; i <= 2000; i++) {
            merger.add("wait-duration", "netdev", summary("wait-duration", "dev" + i, i * 1_000_000L));
        }
        Distribution d = merger.distributions().get(0);
        assertThat(merger.distributions()).hasSize(1);
        assertThat(d.key()).isEqualTo("netdev");
        assertThat(d.count()).isEqualTo(2000);
        assertThat(d.sources()).isEqualTo(2000);
        assertThat(d.exact()).isTrue();
        assertThat(d.single()).isFalse();
        assertThat(d.min()).isBetween(999_000L, 1_001_000L);
        assertThat(d.percentiles().get("50")).isBetween(995_000_000L, 1_005_000_000L);
        assertThat(d.buckets()).hasSizeBetween(8, HistogramMerger.MAX_BUCKETS);
        assertThat(d.buckets().stream().mapToLong(Distribution.Bucket::count).sum()).isEqualTo(2000);
        // the buckets do not overlap and grow
        for (int i = 1; i < d.buckets().size(); i++) {
            assertThat(d.buckets().get(i).fromNanos()).isGreaterThanOrEqualTo(d.buckets().get(i - 1).toNanos());
        }
    }

    @Test
    void oneValueIsAValue() {
        HistogramMerger merger = new HistogramMerger();
        merger.add(summary("hold-duration", "app.A.x(A.java:1)", 2_400_000));
        Distribution d = merger.distributions().get(0);
        assertThat(d.single()).isTrue();
        assertThat(d.count()).isEqualTo(1);
        assertThat(d.max()).isBetween(2_399_000L, 2_401_000L);
    }

    @Test
    void dumpsWithoutEncodingsMergeFromTheirSummariesAndSaySo() {
        HistogramMerger merger = new HistogramMerger();
        merger.add(new HistogramSummary("hold-duration", "k", "ns", 3, 10, 30, 20, Map.of("50", 20L), null));
        merger.add(summary("hold-duration", "k", 40, 50));
        Distribution d = merger.distributions().get(0);
        assertThat(d.exact()).isFalse();
        assertThat(d.count()).isEqualTo(5);
        assertThat(d.min()).isEqualTo(10);
        assertThat(d.max()).isEqualTo(50);
        assertThat(d.mean()).isEqualTo(30.0);
        assertThat(merger.summaries().get(0).encoded()).isNull();
    }

    @Test
    void summariesCarryTheSumsEncoding() {
        HistogramMerger merger = new HistogramMerger();
        merger.add(summary("hold-duration", "k", 1000, 2000));
        merger.add(summary("hold-duration", "k", 3000));
        HistogramSummary sum = merger.summaries().get(0);
        assertThat(sum.count()).isEqualTo(3);
        assertThat(HistogramMerger.decode(sum.encoded()).getTotalCount()).isEqualTo(3);
        assertThat(HistogramMerger.decode("not base64!")).isNull();
    }
}
