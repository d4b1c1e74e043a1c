package org.reftrace.agent.record;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * A histogram made on its first value (3 significant digits, auto-resizing): most call sites never need one, and
 * an empty HdrHistogram costs kilobytes.
 *
 * <p>Thread-safe: recording into it is wait-free once made.
 */
final class LazyHistogram {
    private volatile ConcurrentHistogram histogram;

    ConcurrentHistogram get() {
        ConcurrentHistogram h = histogram;
        if (h == null) {
            synchronized (this) {
                h = histogram;
                if (h == null) {
                    h = new ConcurrentHistogram(3);
                    histogram = h;
                }
            }
        }
        return h;
    }

    /** The histogram, or {@code null} if nothing was recorded yet. */
    ConcurrentHistogram ifAny() {
        return histogram;
    }
}
