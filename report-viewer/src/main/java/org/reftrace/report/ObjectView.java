package org.reftrace.report;

import java.util.List;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Wait;

/**
 * One tracked object as the page shows it: its life, its waits, its holders grouped.
 *
 * @param source  which input it came from (the dump's file name), for merged reports
 * @param holders holders in all (the groups add up to this)
 */
public record ObjectView(long id, String source, String kind, String name, String state, Integer refcount,
        int unattributed, boolean shouldBeFree, List<LifecycleEvent> lifecycle, List<Wait> waits,
        List<HolderGroup> groups, int holders) {}
