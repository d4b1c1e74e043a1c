package org.reftrace.analysis;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Meta;

/**
 * Sorts dumps into the JVMs that wrote them. Two dumps are of one JVM when they name the same process, machine and
 * program and the agent started at the same instant (the dump's creation time less the agent's uptime, within
 * {@value #SAME_START_MILLIS} ms): periodic dumps of one run. A restarted program reusing a pid is another JVM.
 * A kernel log is a JVM of its own. Pure functions.
 */
public final class Jvms {
    static final long SAME_START_MILLIS = 2_000;

    private Jvms() {}

    /** The JVMs, in the order their first dump is given; each one's dumps oldest first. */
    public static List<Jvm> of(List<DumpSource> sources) {
        List<List<DumpSource>> groups = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (DumpSource source : sources) {
            long start = startEpochMillis(source.dump().meta());
            int found = -1;
            for (int i = 0; i < groups.size() && found < 0; i++) {
                Meta first = groups.get(i).get(0).dump().meta();
                if (sameJvm(first, starts.get(i), source.dump().meta(), start)) {
                    found = i;
                }
            }
            if (found < 0) {
                groups.add(new ArrayList<>(List.of(source)));
                starts.add(start);
            } else {
                groups.get(found).add(source);
            }
        }
        List<Jvm> jvms = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            List<DumpSource> dumps = new ArrayList<>(groups.get(i));
            dumps.sort(Comparator.comparingLong(s -> s.dump().meta().uptimeNanos()));
            String label = label(dumps.get(dumps.size() - 1).dump());
            String unique = label;
            for (int n = 2; !labels.add(unique); n++) {
                unique = label + " #" + n;
            }
            jvms.add(new Jvm(i, unique, dumps, starts.get(i)));
        }
        return jvms;
    }

    static String label(Dump dump) {
        Meta m = dump.meta();
        if (isKernelLog(dump)) {
            return m.jvm() == null ? "kernel log" : m.jvm();
        }
        return m.jvmLabel();
    }

    /** Whether the dump was made from a kernel log rather than by the agent. */
    public static boolean isKernelLog(Dump dump) {
        return "kernel-log".equals(dump.meta().profile());
    }

    private static boolean sameJvm(Meta a, long startA, Meta b, long startB) {
        if (a.pid() <= 0 || b.pid() <= 0 || "kernel-log".equals(a.profile()) || "kernel-log".equals(b.profile())) {
            return false;
        }
        return a.pid() == b.pid() && java.util.Objects.equals(a.host(), b.host())
                && java.util.Objects.equals(a.mainClass(), b.mainClass())
                && (startA < 0 || startB < 0 || Math.abs(startA - startB) <= SAME_START_MILLIS);
    }

    /** The agent's start in epoch milliseconds: {@code createdAt} less the uptime; -1 when unreadable. */
    static long startEpochMillis(Meta meta) {
        if (meta.createdAt() == null) {
            return -1;
        }
        try {
            return Instant.parse(meta.createdAt()).toEpochMilli() - meta.uptimeNanos() / 1_000_000;
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
