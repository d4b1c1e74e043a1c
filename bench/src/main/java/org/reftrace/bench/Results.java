package org.reftrace.bench;

import java.util.List;
import java.util.Locale;

/**
 * The results as a Markdown table, every ratio against figures from the same run, followed by a warning when the
 * floor itself was noisy and by the targets, each said met or missed.
 */
final class Results {
    /** A floor whose forks lie further apart than this makes every ratio of the run doubtful. */
    static final double NOISY_FLOOR = 0.10;

    private Results() {}

    static String table(List<BenchMain.Measured> measured, Footprint.Figures f, BenchMain.Plan plan, boolean smoke) {
        StringBuilder md = new StringBuilder();
        md.append(smoke ? "Smoke run (one short iteration each: the figures mean nothing)\n\n" : "")
                .append("JDK ").append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(String.format(Locale.ROOT, " cores; each row: %d forks × %d measured iterations of %s "
                        + "(after %d warm-up), the median of the forks' means%n%n", plan.forks(), plan.iterations(),
                        BenchMain.Plan.ITERATION, plan.warmups()))
                .append("| configuration | threads | outstanding | ns per hold+put | ± (99.9%) | spread over forks "
                        + "| × floor | bytes allocated per op |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchMain.Measured m : measured) {
            double floor = floor(measured, m.run());
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.0f%% | %s | %s |%n",
                    m.run().label(), m.run().threads(), m.run().outstanding(), m.nanos(), m.error(), 100 * m.spread(),
                    floor > 0 ? String.format(Locale.ROOT, "%.2f", m.nanos() / floor) : "—",
                    Double.isNaN(m.bytesPerOp()) ? "—" : String.format(Locale.ROOT, "%.0f", m.bytesPerOp())));
        }
        measured.stream().filter(m -> m.run().group() == BenchMain.Group.FLOOR && m.spread() > NOISY_FLOOR)
                .forEach(m -> md.append(String.format(Locale.ROOT, "%n**Warning: the floor is noisy** (\"%s\": its "
                        + "forks lie %.0f%% apart, over %.0f%%): every ratio against it is doubtful; run again on a "
                        + "quiet machine.%n", m.run().label(), 100 * m.spread(), 100 * NOISY_FLOOR)));
        md.append(String.format(Locale.ROOT, "%nHeap per outstanding reference (call-site mode, %,d references): "
                + "%.1f bytes%n", f.references(), f.bytesPerReference()));
        md.append(String.format(Locale.ROOT, "From %,d outstanding references: snapshot %d ms, dump %d ms (%,d bytes), "
                + "read %d ms, group + HTML %d ms (%,d bytes); total %d ms%n", f.references(), f.snapshotMillis(),
                f.dumpMillis(), f.dumpBytes(), f.readMillis(), f.htmlMillis(), f.htmlBytes(),
                f.snapshotMillis() + f.dumpMillis() + f.readMillis() + f.htmlMillis()));
        md.append("\nTargets (issue 18):\n\n");
        double paranoid = find(measured, "netty PARANOID");
        double sites = find(measured, BenchMain.CALL_SITES);
        double full = find(measured, "agent, full stack on every hold");
        target(md, "call-site mode ≤ 2× the floor, 1 thread", sites / untrackedFloor(measured, 1),
                "×", r -> r <= 2.0);
        target(md, "call-site mode ≤ 2.5× the floor, 2 threads", find(measured, BenchMain.TWO_THREADS)
                / untrackedFloor(measured, 2), "×", r -> r <= 2.5);
        target(md, "Netty PARANOID ≥ 70× call-site mode per pair", paranoid / sites, "×", r -> r >= 70);
        double small = find(measured, "agent, call site mode, 1 000 outstanding");
        double large = find(measured, "agent, call site mode, 1 000 000 outstanding");
        target(md, "flat: 1 000 000 outstanding within 1.25× of none", large / sites, "×", r -> r <= 1.25);
        target(md, "flat: 1 000 000 outstanding within 1.25× of 1 000", large / small, "×", r -> r <= 1.25);
        target(md, "≤ 64 bytes per outstanding reference", f.bytesPerReference(), " B", r -> r <= 64);
        md.append(String.format(Locale.ROOT, "- (for reference) Netty PARANOID / full-stack mode: %.1f×%n",
                paranoid / full));
        double baseline = find(measured, BenchMain.BASELINE);
        if (!Double.isNaN(baseline)) {
            md.append(String.format(Locale.ROOT, "- (for reference) call-site mode / the baseline agent, same run: "
                    + "%.2f× on 1 thread", sites / baseline));
            double baselineTwo = find(measured, BenchMain.BASELINE_TWO_THREADS);
            md.append(Double.isNaN(baselineTwo) ? "\n" : String.format(Locale.ROOT, ", %.2f× on 2 threads%n",
                    find(measured, BenchMain.TWO_THREADS) / baselineTwo));
        }
        return md.toString();
    }

    private static void target(StringBuilder md, String what, double value, String unit,
            java.util.function.DoublePredicate met) {
        md.append(String.format(Locale.ROOT, "- %s: %.2f%s, %s%n", what, value, unit,
                Double.isNaN(value) || Double.isInfinite(value) ? "not measured" : met.test(value) ? "met" : "MISSED"));
    }

    /** The floor with the same threads and the same operation. */
    private static double floor(List<BenchMain.Measured> measured, BenchMain.Run run) {
        if (run.group() == BenchMain.Group.NETTY) {
            return untrackedFloor(measured, 1);
        }
        return measured.stream().filter(m -> m.run().group() == BenchMain.Group.FLOOR
                && m.run().threads() == run.threads()
                && m.run().benchmark().equals(run.benchmark())).mapToDouble(BenchMain.Measured::nanos).findFirst()
                .orElse(Double.NaN);
    }

    /** The untracked hold+put with no agent on {@code threads} threads. */
    private static double untrackedFloor(List<BenchMain.Measured> measured, int threads) {
        return measured.stream().filter(m -> m.run().group() == BenchMain.Group.FLOOR && m.run().threads() == threads
                && m.run().benchmark().endsWith("untrackedPair")).mapToDouble(BenchMain.Measured::nanos).findFirst()
                .orElse(Double.NaN);
    }

    private static double find(List<BenchMain.Measured> measured, String label) {
        return measured.stream().filter(m -> m.run().label().equals(label)).mapToDouble(BenchMain.Measured::nanos)
                .findFirst().orElse(Double.NaN);
    }
}
