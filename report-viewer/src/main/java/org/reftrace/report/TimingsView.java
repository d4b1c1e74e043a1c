package org.reftrace.report;

import java.util.List;
import org.reftrace.analysis.Distribution;

/**
 * Timing distributions as the page shows them: hold time per call site, wait time per object kind (each with its
 * count; one value is shown as a value), and per-object waits on demand.
 *
 * @param hold             hold durations per call site, most values first
 * @param waits            wait durations per object kind (the dumps' per-object histograms added up)
 * @param unregisterToFree from unregister to free, per kind
 * @param other            metrics this viewer does not know, as they are
 * @param waitObjects      the longest waits, per object, longest first
 * @param waitObjectsTotal per-object waits in all
 */
public record TimingsView(List<Distribution> hold, List<Distribution> waits, List<Distribution> unregisterToFree,
        List<Distribution> other, List<ObjectWait> waitObjects, int waitObjectsTotal) {

    /**
     * One object's wait.
     *
     * @param key     its identity on the page, or {@code null} when the object is not listed
     * @param name    its name
     * @param kind    its kind
     * @param nanos   the longest wait recorded for it
     * @param count   waits recorded for it
     */
    public record ObjectWait(String key, String name, String kind, long nanos, long count) {}
}
