package org.reftrace.agent.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Holder;
import org.reftrace.dump.Problem;
import org.reftrace.dump.TrackedObject;

/**
 * The console text: who holds an object that is being waited for, in the kernel's ref_tracker style
 * ({@code N/M holders at} + stack) but naming owners and durations; and the verdict at exit. Pure functions
 * from a {@link Dump} to lines.
 */
public final class ConsoleReport {
    static final String PREFIX = "reftrace: ";
    /** Frames printed per holder group. */
    static final int FRAMES = 12;

    private ConsoleReport() {}

    /** The holders of one object, grouped by stack (or call site), largest group first. */
    public static List<String> holders(TrackedObject object, Map<String, List<String>> stacks, int maxGroups) {
        List<String> out = new ArrayList<>();
        List<Holder> holders = object.holders();
        out.add(PREFIX + object.name() + " (" + object.kind() + ", " + object.state()
                + (object.refcount() != null ? ", usage count " + object.refcount() : "") + ") is held by "
                + holders.size() + " recorded reference" + (holders.size() == 1 ? "" : "s")
                + (holders.isEmpty() ? "" : ":"));
        Map<String, List<Holder>> groups = new LinkedHashMap<>();
        for (Holder h : holders) {
            groups.computeIfAbsent(h.stack() != null ? h.stack() : h.site(), k -> new ArrayList<>()).add(h);
        }
        List<Map.Entry<String, List<Holder>>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((a, b) -> b.getValue().size() - a.getValue().size());
        int shown = 0;
        int skipped = holders.size();
        for (Map.Entry<String, List<Holder>> group : sorted) {
            if (shown == maxGroups) {
                break;
            }
            List<Holder> members = group.getValue();
            Holder first = members.get(0);
            out.add(PREFIX + "  " + members.size() + "/" + holders.size() + " holders at " + first.site());
            out.add(PREFIX + "    owner " + owners(members) + "; " + threadText(first.thread()) + "; held for "
                    + seconds(members.stream().mapToLong(Holder::heldNanos).max().orElse(0))
                    + (members.size() > 1 ? " (newest " + seconds(members.stream().mapToLong(Holder::heldNanos)
                            .min().orElse(0)) + ")" : "") + "; paired by " + first.pairing());
            List<String> frames = first.stack() != null ? stacks.getOrDefault(first.stack(), List.of()) : List.of();
            frames.stream().limit(FRAMES).forEach(f -> out.add(PREFIX + "      at " + f));
            if (frames.size() > FRAMES) {
                out.add(PREFIX + "      ... " + (frames.size() - FRAMES) + " more");
            }
            if (frames.isEmpty()) {
                out.add(PREFIX + "      (no stack captured for this hold; the call site is exact)");
            }
            skipped -= members.size();
            shown++;
        }
        if (skipped > 0) {
            out.add(PREFIX + "  skipped reports about " + skipped + "/" + holders.size() + " holders ("
                    + (groups.size() - shown) + " more groups; raise maxGroups to see them)");
        }
        if (object.unattributed() > 0) {
            out.add(PREFIX + "  and " + object.unattributed() + " reference" + (object.unattributed() == 1 ? "" : "s")
                    + " the count shows but no recorded hold explains (taken before the agent attached, or"
                    + " outside the profile)");
        }
        return out;
    }

    private static String owners(List<Holder> members) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Holder h : members) {
            counts.merge(h.owner() != null ? h.owner() : "(static " + simple(h.ownerClass()) + ")", 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().limit(3).forEach(e -> parts.add(e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : "")));
        if (counts.size() > 3) {
            parts.add("and " + (counts.size() - 3) + " more");
        }
        return String.join(", ", parts);
    }

    /** The verdict at exit: one line, then one per problem type. */
    public static List<String> verdict(Dump dump, String dumpPath) {
        List<String> out = new ArrayList<>();
        long held = dump.objects().stream().filter(o -> o.shouldBeFree() && !o.holders().isEmpty()).count();
        out.add(PREFIX + held + " object" + (held == 1 ? "" : "s") + " still held ("
                + dump.summary().lingeringHolders() + " lingering reference"
                + (dump.summary().lingeringHolders() == 1 ? "" : "s") + "), " + dump.summary().problems()
                + " problem" + (dump.summary().problems() == 1 ? "" : "s")
                + (dump.health().adviceFailures() > 0 ? ", " + dump.health().adviceFailures() + " advice failures" : "")
                + (dumpPath != null ? "; dump: " + dumpPath : ""));
        Map<String, List<Problem>> byType = new TreeMap<>();
        dump.problems().forEach(p -> byType.computeIfAbsent(p.type(), k -> new ArrayList<>()).add(p));
        byType.forEach((type, list) -> {
            Problem first = list.get(0);
            out.add(PREFIX + "  " + type + " x" + list.size() + ": " + first.object() + ": " + first.message()
                    + (first.site() != null ? " (at " + first.site() + ")" : ""));
        });
        if (!dump.health().failedToInstrument().isEmpty()) {
            out.add(PREFIX + "  WARNING: " + dump.health().failedToInstrument().size()
                    + " classes could not be instrumented; events there were missed: "
                    + dump.health().failedToInstrument().get(0));
        }
        return out;
    }

    /** A replayed script names its thread after the command line that ran: say "taken during" it. */
    static String threadText(String thread) {
        return thread != null && thread.matches("line \\d+.*: .*") ? "taken during " + thread : "thread " + thread;
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String simple(String className) {
        return className == null ? "?" : className.substring(className.lastIndexOf('.') + 1);
    }
}
