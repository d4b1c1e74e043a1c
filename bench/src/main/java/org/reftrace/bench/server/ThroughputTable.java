package org.reftrace.bench.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.reftrace.bench.Stats;

/** Samples to the markdown table of {@code docs/performance.md}: medians, spread, ratios within rounds. */
final class ThroughputTable {
    private ThroughputTable() {}

    static String markdown(List<Config> configs, List<Sample> samples, ServerThroughput.Options options) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d rounds, %d s measured after %d s of warm-up, %d keep-alive "
                        + "connections, JDK %s%n%n", options.rounds(), options.seconds(), options.warmupSeconds(),
                options.connections(), System.getProperty("java.version")));
        out.append("| configuration | requests/s (median) | min – max | × no agent (median of rounds) "
                + "| server CPU µs/request (median) |\n|---|---:|---:|---:|---:|\n");
        Config none = configs.get(0);
        for (Config config : configs) {
            double[] rates = rates(samples, config);
            double[] cpu = samples.stream().filter(s -> s.config() == config)
                    .mapToDouble(Sample::serverCpuMicrosPerRequest).toArray();
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f – %,.0f | %.2f× | %.1f |%n", config.name(),
                    Stats.median(rates), Stats.min(rates), Stats.max(rates), medianRatio(samples, config, none),
                    Stats.median(cpu)));
        }
        Config reftrace = configs.get(2);
        out.append(String.format(Locale.ROOT, "%nreftrace / PARANOID (median of rounds): %.2f×%n",
                medianRatio(samples, reftrace, configs.get(1))));
        if (configs.size() > 3) {
            out.append(String.format(Locale.ROOT, "reftrace / the baseline agent (median of rounds): %.2f×%n",
                    medianRatio(samples, reftrace, configs.get(3))));
        }
        return out.toString();
    }

    /** The median over rounds of {@code config}'s throughput over {@code base}'s in the same round. */
    private static double medianRatio(List<Sample> samples, Config config, Config base) {
        List<Double> ratios = new ArrayList<>();
        for (Sample s : samples) {
            if (s.config() == config) {
                samples.stream().filter(b -> b.config() == base && b.round() == s.round()).findFirst()
                        .ifPresent(b -> ratios.add(s.requestsPerSecond() / b.requestsPerSecond()));
            }
        }
        return Stats.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] rates(List<Sample> samples, Config config) {
        return samples.stream().filter(s -> s.config() == config).mapToDouble(Sample::requestsPerSecond).toArray();
    }
}
