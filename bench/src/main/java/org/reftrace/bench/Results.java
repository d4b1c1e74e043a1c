package org.reftrace.bench;

import java.util.List;
import java.util.Locale;

/** The results as a Markdown table, with every ratio against figures from the same run. */
final class Results {
    private Results() {}

    static String table(List<BenchMain.Measured> measured, Footprint.Figures f, boolean smoke) {
        StringBuilder md = new StringBuilder();
        md.append(smoke ? "Smoke run (one short iteration each: the figures mean nothing)\n\n" : "")
                .append("JDK ").append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores\n\n")
                .append("| configuration | threads | outstanding | ns per hold+put | ± | × floor |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (BenchMain.Measured m : measured) {
            double floor = floor(measured, m.run());
            md.append("| ").append(m.run().label()).append(" | ").append(m.run().threads()).append(" | ")
                    .append(m.run().outstanding()).append(" | ").append(BenchMain.format(m.nanos())).append(" | ")
                    .append(BenchMain.format(m.error())).append(" | ")
                    .append(floor > 0 ? BenchMain.format(m.nanos() / floor) : "—").append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%nHeap per outstanding reference (call-site mode, %,d references): "
                + "%.1f bytes%n", f.references(), f.bytesPerReference()));
        md.append(String.format(Locale.ROOT, "From %,d outstanding references: snapshot %d ms, dump %d ms (%,d bytes), "
                + "read %d ms, group + HTML %d ms (%,d bytes); total %d ms%n", f.references(), f.snapshotMillis(),
                f.dumpMillis(), f.dumpBytes(), f.readMillis(), f.htmlMillis(), f.htmlBytes(),
                f.snapshotMillis() + f.dumpMillis() + f.readMillis() + f.htmlMillis()));
        double paranoid = find(measured, "netty PARANOID");
        double sites = find(measured, "agent, call site + owner + thread + time");
        double full = find(measured, "agent, full stack on every hold");
        if (paranoid > 0 && sites > 0) {
            md.append(String.format(Locale.ROOT, "%nNetty PARANOID / reftrace call-site mode: %.1f×; "
                    + "Netty PARANOID / reftrace full-stack mode: %.1f×%n", paranoid / sites, paranoid / full));
        }
        double small = find(measured, "agent, call site mode, 1 000 outstanding");
        double large = find(measured, "agent, call site mode, 1 000 000 outstanding");
        if (small > 0 && large > 0) {
            md.append(String.format(Locale.ROOT, "1 000 000 vs 1 000 outstanding: %.2f×%n", large / small));
        }
        return md.toString();
    }

    /** The floor with the same threads and the same operation. */
    private static double floor(List<BenchMain.Measured> measured, BenchMain.Run run) {
        if (run.group().equals("netty")) {
            return measured.stream().filter(m -> m.run().group().equals("floor") && m.run().threads() == 1
                    && m.run().benchmark().endsWith("untrackedPair")).mapToDouble(BenchMain.Measured::nanos).findFirst()
                    .orElse(0);
        }
        return measured.stream().filter(m -> m.run().group().equals("floor") && m.run().threads() == run.threads()
                && m.run().benchmark().equals(run.benchmark())).mapToDouble(BenchMain.Measured::nanos).findFirst()
                .orElse(0);
    }

    private static double find(List<BenchMain.Measured> measured, String label) {
        return measured.stream().filter(m -> m.run().label().equals(label)).mapToDouble(BenchMain.Measured::nanos)
                .findFirst().orElse(0);
    }
}
