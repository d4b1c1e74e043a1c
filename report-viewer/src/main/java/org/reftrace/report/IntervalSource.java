package org.reftrace.report;

import java.util.List;
import org.reftrace.dump.HistogramSummary;

/**
 * One dump's histograms and when it was taken, for HdrHistogram interval logs: the histograms of a dump are
 * cumulative since its agent started, so one interval is the difference between two dumps of one JVM.
 *
 * @param jvm              the JVM's index
 * @param startEpochMillis when its agent started (epoch ms), or -1
 * @param uptimeNanos      the agent's uptime at this dump
 * @param kinds            object name to kind, for per-object waits
 * @param histograms       its histograms
 */
public record IntervalSource(int jvm, long startEpochMillis, long uptimeNanos, java.util.Map<String, String> kinds,
        List<HistogramSummary> histograms) {}
