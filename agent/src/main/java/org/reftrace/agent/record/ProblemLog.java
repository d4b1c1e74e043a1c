package org.reftrace.agent.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reftrace.dump.ProblemType;

/**
 * Problems, grouped by type, kind of object and call site: every problem is counted in its group; the first few
 * of each group are kept as examples (with their stacks). Caps apply per group and to the number of groups, so a
 * flood of one kind never buries a single problem of another; what is counted but not kept is said.
 *
 * <p>Thread-safe.
 */
final class ProblemLog {
    /** One group: what its problems share, their count and the examples kept. */
    static final class Group {
        final int id;
        final Key key;
        long count;
        final List<ProblemRecord> examples = new ArrayList<>();

        Group(int id, Key key) {
            this.id = id;
            this.key = key;
        }
    }

    /** What the problems of a group share. */
    record Key(ProblemType type, String kind, String site) {}

    private final int maxExamples;
    private final int examplesPerGroup;
    private final int maxGroups;
    private final Map<Key, Group> groups = new LinkedHashMap<>();
    private int examples;
    /** Problems counted in no group because there were too many groups already. */
    private long ungrouped;
    /** Problems counted in their group but not kept as examples. */
    private long notKept;

    ProblemLog(int maxExamples, int examplesPerGroup, int maxGroups) {
        this.maxExamples = maxExamples;
        this.examplesPerGroup = examplesPerGroup;
        this.maxGroups = maxGroups;
    }

    /**
     * Counts one problem in its group; returns whether it is to be kept as an example (then {@link #keep} it).
     * Cheap, so that a flood of problems past the caps costs a count each, never a stack.
     */
    synchronized boolean count(Key key) {
        Group g = groups.get(key);
        if (g == null) {
            if (groups.size() >= maxGroups) {
                ungrouped++;
                return false;
            }
            g = new Group(groups.size(), key);
            groups.put(key, g);
        }
        g.count++;
        if (g.examples.size() < examplesPerGroup && examples < maxExamples) {
            examples++;
            return true;
        }
        notKept++;
        return false;
    }

    /** Keeps an example counted by {@link #count}. */
    synchronized void keep(Key key, ProblemRecord p) {
        Group g = groups.get(key);
        if (g != null) {
            g.examples.add(p);
        }
    }

    /** Counts and keeps (tests, and problems made whole anyway). */
    synchronized void add(ProblemRecord p) {
        Key key = new Key(p.type(), p.kind(), p.site() == null ? null : p.site().frame());
        if (count(key)) {
            keep(key, p);
        }
    }

    synchronized List<Group> groups() {
        List<Group> copy = new ArrayList<>();
        for (Group g : groups.values()) {
            Group c = new Group(g.id, g.key);
            c.count = g.count;
            c.examples.addAll(g.examples);
            copy.add(c);
        }
        return copy;
    }

    synchronized long total() {
        long total = ungrouped;
        for (Group g : groups.values()) {
            total += g.count;
        }
        return total;
    }

    synchronized long ungrouped() {
        return ungrouped;
    }

    synchronized long notKept() {
        return notKept;
    }
}
