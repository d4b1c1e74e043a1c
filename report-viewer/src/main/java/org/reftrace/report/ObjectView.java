package org.reftrace.report;

import java.util.List;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Wait;

/**
 * One tracked object shown in full: its identity (the same from dump to page: JVM and the agent's id, shown by
 * name and namespace), its life, its waits, its holders grouped, and its timeline.
 *
 * @param key           its identity on the page, {@code j0:17}: problems, waits and signatures join by it
 * @param jvm           its JVM's index
 * @param id            the agent's id in its dump
 * @param name          its name with its namespace: {@code lo (ns1)}
 * @param namespace     its namespace, or {@code null}
 * @param holders       holders in all (the groups add up to this)
 * @param signatures    the ranks of the signatures that keep it
 * @param reports       what was reported about its holders (when the wait warned, at exit, by GC)
 * @param problemGroups the indices of other problem groups with an example on it
 * @param holds         its outstanding holds as timeline marks, oldest first, at most a page limit
 * @param holdsOmitted  outstanding holds not marked
 * @param puts          holds seen in an earlier dump of its JVM and put back since
 * @param counts        its count and holders at each dump of its JVM
 */
public record ObjectView(String key, int jvm, long id, String kind, String name, String namespace,
        String className, String state, Integer refcount, int unattributed, boolean shouldBeFree,
        List<LifecycleEvent> lifecycle, List<Wait> waits, List<HolderGroup> groups, int holders,
        List<Integer> signatures, List<Report> reports, List<Integer> problemGroups, List<HoldMark> holds,
        int holdsOmitted, List<PutMark> puts, List<CountPoint> counts) {

    /**
     * A report about its holders, as the agent made it.
     *
     * @param type    {@code lingering-holders} (when the wait warned), {@code held-at-exit}, {@code leak-found-by-gc}
     * @param atNanos when
     * @param message what it said
     */
    public record Report(String type, long atNanos, String message) {}

    /**
     * An outstanding hold on its timeline.
     *
     * @param sinceNanos when it was taken
     * @param group      the index of its holder group
     * @param late       taken after the object began going away
     */
    public record HoldMark(long sinceNanos, int group, boolean late) {}

    /**
     * A hold put back between two dumps.
     *
     * @param site        where it was taken
     * @param sinceNanos  when it was taken
     * @param seenNanos   the last dump that still showed it
     * @param goneByNanos the first dump that no longer did
     */
    public record PutMark(String site, long sinceNanos, long seenNanos, long goneByNanos) {}

    /**
     * The object at one dump of its JVM.
     *
     * @param uptimeNanos when
     * @param refcount    its own count, or {@code null}
     * @param holders     its outstanding holds
     */
    public record CountPoint(long uptimeNanos, Integer refcount, int holders) {}
}
