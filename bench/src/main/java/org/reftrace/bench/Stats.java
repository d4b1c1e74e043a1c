package org.reftrace.bench;

import java.util.Arrays;

/** The few statistics the benchmarks' tables quote: median, range, and the range relative to the median. */
public final class Stats {
    private Stats() {}

    /** The median; NaN for none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    public static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** (max − min) / median: how far apart repeated measurements of one thing lie; 0 for fewer than two. */
    public static double spread(double[] values) {
        return values.length < 2 ? 0 : (max(values) - min(values)) / median(values);
    }
}
