package org.reftrace.bench.stress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.reftrace.bench.Stats;

/**
 * The stress run: {@link StressProgram} (8 threads × 1 000 000 pairs, 80 known leaks) in a fresh child JVM with
 * no agent and under the agent with its defaults, alternating, for several rounds. It checks that the agent's dump
 * names every known leak at its site (a fast profiler that misses them proves nothing) and prints the work's
 * wall time, the whole process's wall time and its peak resident memory, each as a ratio to no agent within the
 * same round. Writes the table to {@code bench/target/stress.md} too.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.reftrace.bench.stress.StressRun [--rounds 3] [--threads 8]
 *      [--pairs 1000000] [--agent agent/target/reftrace-agent.jar]
 * </pre>
 */
public final class StressRun {
    record Options(int rounds, int threads, int pairs, Path agent) {}

    private StressRun() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("reftrace stress: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.agent())) {
            System.err.println("reftrace stress: no agent jar at " + options.agent() + " (build it: mvn -B -DskipTests "
                    + "package, or pass --agent PATH)");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("reftrace-stress");
        List<StressSample> samples = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            boolean agentFirst = round % 2 == 0;
            for (boolean withAgent : agentFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                System.err.printf(Locale.ROOT, "== round %d/%d, %s%n", round, options.rounds(),
                        withAgent ? "agent" : "no agent");
                StressSample sample = StressChild.run(options, withAgent, round, work);
                System.err.println("   " + sample);
                samples.add(sample);
            }
        }
        String table = table(options, samples);
        System.out.println(table);
        Path out = Path.of("bench/target/stress.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, table);
            System.err.println("reftrace stress: results written to " + out.toAbsolutePath());
        }
    }

    static Options parse(String[] args) {
        int rounds = 3;
        int threads = 8;
        int pairs = 1_000_000;
        Path agent = Path.of("agent/target/reftrace-agent.jar");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rounds" -> rounds = positive(args[i], value);
                case "--threads" -> threads = positive(args[i], value);
                case "--pairs" -> pairs = positive(args[i], value);
                case "--agent" -> agent = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (options: --rounds N, "
                        + "--threads N, --pairs N, --agent PATH)");
            }
            i++;
        }
        if (pairs < StressProgram.LEAK_EVERY) {
            throw new IllegalArgumentException("--pairs must be at least " + StressProgram.LEAK_EVERY
                    + ", or the run has no known leak to find");
        }
        return new Options(rounds, threads, pairs, agent.toAbsolutePath());
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(required(option, value));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " takes a whole number above 0, not " + value);
    }

    static String table(Options options, List<StressSample> samples) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%d threads × %,d pairs, %d rounds, JDK %s, "
                + "%d cores%n%n", options.threads(), options.pairs(), options.rounds(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        md.append("| | work ms (median) | min – max | process ms (median) | peak RSS MB (median) |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (boolean agent : new boolean[] {false, true}) {
            double[] work = values(samples, agent, StressSample::workMillis);
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f – %,.0f | %,.0f | %,.0f |%n",
                    agent ? "agent (defaults)" : "no agent", Stats.median(work), Stats.min(work), Stats.max(work),
                    Stats.median(values(samples, agent, StressSample::processMillis)),
                    Stats.median(values(samples, agent, s -> s.peakRssKb() / 1024.0))));
        }
        md.append(String.format(Locale.ROOT, "%nAgent / no agent (median of the rounds' ratios): work time %.2f×, "
                        + "process time %.2f×, peak memory %.2f×%n", ratio(samples, StressSample::workMillis),
                ratio(samples, StressSample::processMillis), ratio(samples, s -> (double) s.peakRssKb())));
        md.append(String.format(Locale.ROOT, "Known leaks found in every agent round: %s%n",
                samples.stream().filter(StressSample::withAgent).map(s -> s.leaksFound() + "/" + s.leaksExpected())
                        .toList()));
        return md.toString();
    }

    private static double[] values(List<StressSample> samples, boolean agent,
            java.util.function.ToDoubleFunction<StressSample> value) {
        return samples.stream().filter(s -> s.withAgent() == agent).mapToDouble(value).toArray();
    }

    private static double ratio(List<StressSample> samples, java.util.function.ToDoubleFunction<StressSample> value) {
        List<Double> ratios = new ArrayList<>();
        for (StressSample a : samples) {
            if (a.withAgent()) {
                samples.stream().filter(b -> !b.withAgent() && b.round() == a.round()).findFirst()
                        .ifPresent(b -> ratios.add(value.applyAsDouble(a) / value.applyAsDouble(b)));
            }
        }
        return Stats.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
