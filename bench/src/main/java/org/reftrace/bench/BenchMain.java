package org.reftrace.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The one command that measures reftrace's cost: every configuration in one run, so ratios compare figures
 * taken on the same machine at the same time. Prints a table and writes it to {@code bench/target/results.md}.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar [--smoke] [--forks N] [--agent agent/target/reftrace-agent.jar]
 *                                       [--baseline-agent OLD.jar]
 * </pre>
 *
 * Every configuration runs in {@link Plan#FULL}'s forks (fresh JVMs): one fork's JIT decisions or a noisy moment
 * can move a figure by tens of percent, and only the spread across forks shows it.
 */
public final class BenchMain {
    /** One JMH run: a benchmark method with threads, a parameter and JVM flags. */
    record Run(String label, Group group, String benchmark, int threads, int outstanding, List<String> jvmArgs) {}

    /** What a row measures: a floor the others are divided by, an agent, or Netty's own detector. */
    enum Group { FLOOR, SITES, FULL, NETTY, BASELINE }

    /**
     * A measured run: the median of its forks' means, JMH's 99.9% error over all their iterations, each fork's
     * mean (whose range is the row's spread), and the bytes it allocated per operation (JMH's GC profiler; NaN
     * when the JVM could not say).
     */
    record Measured(Run run, double nanos, double error, double[] forks, double bytesPerOp) {
        double spread() {
            return Stats.spread(forks);
        }
    }

    /** How each configuration is measured: forks, and per fork warm-up and measured iterations of {@link #ITERATION}. */
    record Plan(int forks, int warmups, int iterations) {
        static final TimeValue ITERATION = TimeValue.milliseconds(500);
        static final Plan FULL = new Plan(3, 3, 4);
        static final Plan SMOKE = new Plan(1, 0, 1);
    }

    static final String CALL_SITES = "agent, call site + owner + thread + time";
    static final String TWO_THREADS = "agent, call site mode, 2 threads";
    static final String BASELINE = "baseline agent, call site mode";
    static final String BASELINE_TWO_THREADS = "baseline agent, call site mode, 2 threads";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        Plan plan = smoke ? Plan.SMOKE : Plan.FULL;
        String agent = Path.of("agent/target/reftrace-agent.jar").toAbsolutePath().toString();
        String baseline = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--smoke" -> { }
                case "--agent" -> {
                    agent = Path.of(required(args[i], value)).toAbsolutePath().toString();
                    i++;
                }
                case "--baseline-agent" -> {
                    baseline = Path.of(required(args[i], value)).toAbsolutePath().toString();
                    i++;
                }
                case "--forks" -> {
                    plan = new Plan(forks(value), plan.warmups(), plan.iterations());
                    i++;
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        requireJar(agent, "--agent");
        if (baseline != null) {
            requireJar(baseline, "--baseline-agent");
        }
        List<Run> runs = runs(agent, baseline, smoke);
        List<Measured> measured = new ArrayList<>();
        long began = System.nanoTime();
        for (Run run : runs) {
            System.err.printf(Locale.ROOT, "== %d/%d %s (%d s so far)%n", measured.size() + 1, runs.size(), run.label(),
                    (System.nanoTime() - began) / 1_000_000_000L);
            measured.add(measure(run, plan));
        }
        Footprint.Figures footprint = Footprint.measure(smoke ? 20_000 : 1_000_000);
        String table = Results.table(measured, footprint, plan, smoke);
        System.out.println(table);
        Path out = Path.of("bench/target/results.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, table);
            System.err.println("reftrace bench: results written to " + out.toAbsolutePath());
        }
    }

    /** Exits with one line when {@code jar} is no file. */
    private static void requireJar(String jar, String option) {
        if (!Files.isRegularFile(Path.of(jar))) {
            System.err.println("reftrace bench: no agent jar at " + jar + " (build it: mvn -DskipTests package, or "
                    + "pass " + option + " PATH)");
            System.exit(2);
        }
    }

    /**
     * @param baselineJar another agent measured in the same run on the call-site rows (the previous commit's, to
     *                    compare two agents without the machine's drift between two runs), or {@code null}
     */
    static List<Run> runs(String agentJar, String baselineJar, boolean smoke) {
        String hold = HoldPutBenchmark.class.getName();
        String netty = NettyRetainReleaseBenchmark.class.getName();
        String checked = "-D" + AgentCheck.UNDER_AGENT + "=true";
        List<String> sites = callSiteMode(agentJar, checked);
        List<String> full = List.of("-javaagent:" + agentJar + "=stacks=all,dump=off,console=off", "-Xshare:off",
                checked);
        List<Run> runs = new ArrayList<>();
        runs.add(new Run("floor: untracked hold+put, no agent", Group.FLOOR, hold + ".untrackedPair", 1, 0, List.of()));
        runs.add(new Run(CALL_SITES, Group.SITES, hold + ".untrackedPair", 1, 0, sites));
        runs.add(new Run("agent, full stack on every hold", Group.FULL, hold + ".untrackedPair", 1, 0, full));
        runs.add(new Run("netty PARANOID", Group.NETTY, netty + ".retainRelease", 1, 0, netty("PARANOID")));
        if (baselineJar != null) {
            runs.add(new Run(BASELINE, Group.BASELINE, hold + ".untrackedPair", 1, 0,
                    callSiteMode(baselineJar, checked)));
        }
        if (smoke) {
            return runs;
        }
        runs.add(new Run("floor: tracked hold+put, no agent", Group.FLOOR, hold + ".trackedPair", 1, 0, List.of()));
        runs.add(new Run("agent, call site mode, tracked pair", Group.SITES, hold + ".trackedPair", 1, 0, sites));
        runs.add(new Run("floor, 2 threads", Group.FLOOR, hold + ".untrackedPair", 2, 0, List.of()));
        runs.add(new Run(TWO_THREADS, Group.SITES, hold + ".untrackedPair", 2, 0, sites));
        if (baselineJar != null) {
            runs.add(new Run(BASELINE_TWO_THREADS, Group.BASELINE, hold + ".untrackedPair", 2, 0,
                    callSiteMode(baselineJar, checked)));
        }
        runs.add(new Run("agent, call site mode, 1 000 outstanding", Group.SITES, hold + ".untrackedPair", 1, 1_000,
                sites));
        runs.add(new Run("agent, call site mode, 1 000 000 outstanding", Group.SITES, hold + ".untrackedPair", 1,
                1_000_000, sites));
        for (String level : List.of("DISABLED", "SIMPLE", "ADVANCED")) {
            runs.add(new Run("netty " + level, Group.NETTY, netty + ".retainRelease", 1, 0, netty(level)));
        }
        return runs;
    }

    private static List<String> callSiteMode(String agentJar, String checked) {
        return List.of("-javaagent:" + agentJar + "=stacks=0,dump=off,console=off", "-Xshare:off", checked);
    }

    private static List<String> netty(String level) {
        return List.of("-Dio.netty.leakDetection.level=" + level, "-Dio.netty.leakDetection.samplingInterval=1");
    }

    private static Measured measure(Run run, Plan plan) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + run.benchmark().replace(".", "\\.").replace("$", "\\$") + "$")
                .forks(plan.forks())
                .threads(run.threads())
                .param("outstanding", Integer.toString(run.outstanding()))
                .jvmArgsAppend(run.jvmArgs().toArray(String[]::new))
                .warmupIterations(plan.warmups()).warmupTime(Plan.ITERATION)
                .measurementIterations(plan.iterations()).measurementTime(Plan.ITERATION)
                .addProfiler(GCProfiler.class) // bytes per operation: garbage is what a busy server pays for
                .shouldFailOnError(true);
        RunResult result = new Runner(options.build()).runSingle();
        double[] forks = result.getBenchmarkResults().stream().mapToDouble(b -> b.getPrimaryResult().getScore())
                .toArray();
        double error = result.getPrimaryResult().getScoreError();
        return new Measured(run, Stats.median(forks), Double.isNaN(error) ? 0 : error, forks,
                bytesPerOp(result.getAggregatedResult().getSecondaryResults()));
    }

    /** The GC profiler's normalised allocation rate (its key has carried a prefix in some JMH versions). */
    private static double bytesPerOp(Map<String, Result> secondary) {
        return secondary.entrySet().stream().filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                .mapToDouble(e -> e.getValue().getScore()).findFirst().orElse(Double.NaN);
    }

    private static String required(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static int forks(String value) {
        try {
            int n = Integer.parseInt(required("--forks", value));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        usage("--forks takes a whole number above 0, not " + value);
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("reftrace bench: " + problem
                + " (options: --smoke, --forks N, --agent PATH, --baseline-agent PATH)");
        System.exit(2);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

}
