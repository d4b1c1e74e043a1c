package org.reftrace.replay.shell;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of each command line of a script: the count the replay reports, per line and in total, so that a
 * reader sees how much of a script ran against the model, what was skipped as no lifecycle command, and what is
 * not supported.
 *
 * <p>A line that runs several times (in a loop, a function) counts once, with its most telling outcome: ran
 * beats unsupported beats skipped beats shell. Thread-safe.
 */
public final class Ledger {
    /** What a command line was, as far as the model is concerned. */
    public enum Outcome {
        /** A lifecycle command that ran against the model (even if the model refused it, as a kernel would). */
        RAN,
        /** A command the replay does not support: {@code detail} names the token. */
        UNSUPPORTED,
        /** A command that changes nothing the model keeps (ping, tc, ethtool, echo, a check): skipped. */
        SKIPPED,
        /** Shell plumbing: assignments, function calls, tests, control flow. */
        SHELL
    }

    /** One line's outcome. */
    public record Entry(String file, int line, Outcome outcome, String command, String detail) {}

    private final Map<String, TreeMap<Integer, Entry>> byFile = new LinkedHashMap<>();
    private final Map<String, List<Integer>> commandLines = new LinkedHashMap<>();
    private final java.util.Set<String> reportedUnsupported = new java.util.HashSet<>();

    /** Declares the lines of {@code file} that hold commands, to tell the lines never reached. */
    public synchronized void declare(String file, List<Integer> lines) {
        commandLines.computeIfAbsent(file, f -> new ArrayList<>()).addAll(lines);
    }

    /**
     * Records an outcome for a line; returns {@code true} when this is the first time the line is unsupported
     * (so that it is reported once).
     */
    public synchronized boolean record(String file, int line, Outcome outcome, String command, String detail) {
        TreeMap<Integer, Entry> lines = byFile.computeIfAbsent(file, f -> new TreeMap<>());
        Entry old = lines.get(line);
        if (old == null || outcome.ordinal() < old.outcome().ordinal()) {
            lines.put(line, new Entry(file, line, outcome, command, detail));
        }
        return outcome == Outcome.UNSUPPORTED && reportedUnsupported.add(file + ":" + line);
    }

    /** The outcome of every line reached, by file, in line order. */
    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        byFile.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** How many lines had each outcome, over all files. */
    public synchronized Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        entries().forEach(e -> counts.merge(e.outcome(), 1, Integer::sum));
        return counts;
    }

    /** Command lines declared but never reached (a branch not taken, a function never called). */
    public synchronized List<String> notReached() {
        List<String> out = new ArrayList<>();
        commandLines.forEach((file, lines) -> {
            TreeMap<Integer, Entry> seen = byFile.getOrDefault(file, new TreeMap<>());
            lines.stream().distinct().sorted().filter(l -> !seen.containsKey(l)).forEach(l -> out.add(file + ":" + l));
        });
        return out;
    }

    /**
     * The share of lifecycle command lines that ran: RAN / (RAN + UNSUPPORTED), 1 when there were none. Lines
     * skipped as no lifecycle command and shell plumbing are left out (and reported separately).
     */
    public synchronized double ranFraction() {
        Map<Outcome, Integer> c = counts();
        int relevant = c.get(Outcome.RAN) + c.get(Outcome.UNSUPPORTED);
        return relevant == 0 ? 1.0 : (double) c.get(Outcome.RAN) / relevant;
    }
}
