package org.reftrace.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.reftrace.analysis.Distribution;
import org.reftrace.analysis.HistogramMerger;
import org.reftrace.analysis.Jvm;
import org.reftrace.dump.Dump;
import org.reftrace.dump.HistogramSummary;

/**
 * The timings of every JVM's newest dump (a dump's histograms count from its agent's start, so older dumps of a
 * JVM add nothing): hold time per call site, wait time per object kind from the per-object histograms, and the
 * longest waits per object for the detail.
 */
final class TimingViews {
    static final String HOLD = "hold-duration";
    static final String WAIT = "wait-duration";
    static final String UNREGISTER_TO_FREE = "unregister-to-free";

    private TimingViews() {}

    static TimingsView of(List<Jvm> jvms) {
        HistogramMerger hold = new HistogramMerger();
        HistogramMerger wait = new HistogramMerger();
        HistogramMerger free = new HistogramMerger();
        HistogramMerger other = new HistogramMerger();
        List<TimingsView.ObjectWait> objects = new ArrayList<>();
        for (Jvm jvm : jvms) {
            Dump dump = jvm.newest();
            ObjectKinds kinds = null;
            for (HistogramSummary h : dump.histograms()) {
                switch (h.metric()) {
                    case HOLD -> hold.add(h);
                    case UNREGISTER_TO_FREE -> free.add(h);
                    case WAIT -> {
                        if (kinds == null) {
                            kinds = new ObjectKinds(dump);
                        }
                        String kind = kinds.kindOf(h.key());
                        wait.add(WAIT, kind, h);
                        Long id = kinds.idOf(h.key());
                        objects.add(new TimingsView.ObjectWait(id == null ? null : jvm.key(id), h.key(), kind, h.max(),
                                h.count()));
                    }
                    default -> other.add(h);
                }
            }
        }
        int total = objects.size();
        objects.sort(Comparator.comparingLong(TimingsView.ObjectWait::nanos).reversed());
        return new TimingsView(byCount(hold), byCount(wait), byCount(free), other.distributions(),
                List.copyOf(objects.subList(0, Math.min(total, PageLimits.WAIT_OBJECTS))), total);
    }

    private static List<Distribution> byCount(HistogramMerger merger) {
        List<Distribution> out = new ArrayList<>(merger.distributions());
        out.sort(Comparator.comparingLong(Distribution::count).reversed().thenComparing(Distribution::key,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }
}
