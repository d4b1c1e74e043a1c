package org.reftrace.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * java -jar bench/target/benchmarks.jar [--smoke] [--agent agent/target/reftrace-agent.jar]
 * </pre>
 */
public final class BenchMain {
    /** One JMH run: a benchmark method with threads, a parameter and JVM flags. */
    record Run(String label, String group, String benchmark, int threads, int outstanding, List<String> jvmArgs) {}

    /** A measured run. */
    record Measured(Run run, double nanos, double error) {}

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        String agent = Path.of("agent/target/reftrace-agent.jar").toAbsolutePath().toString();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--agent")) {
                agent = Path.of(args[i + 1]).toAbsolutePath().toString();
            }
        }
        if (!Files.isRegularFile(Path.of(agent))) {
            System.err.println("reftrace bench: no agent jar at " + agent + " (build it: mvn -DskipTests package, or "
                    + "pass --agent PATH)");
            System.exit(2);
        }
        List<Run> runs = runs(agent, smoke);
        List<Measured> measured = new ArrayList<>();
        for (Run run : runs) {
            System.err.println("== " + run.label());
            measured.add(measure(run, smoke));
        }
        Footprint.Figures footprint = Footprint.measure(smoke ? 20_000 : 1_000_000);
        String table = Results.table(measured, footprint, smoke);
        System.out.println(table);
        Path out = Path.of("bench/target/results.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, table);
            System.err.println("reftrace bench: results written to " + out.toAbsolutePath());
        }
    }

    static List<Run> runs(String agentJar, boolean smoke) {
        String hold = HoldPutBenchmark.class.getName();
        String netty = NettyRetainReleaseBenchmark.class.getName();
        List<String> sites = List.of("-javaagent:" + agentJar + "=stacks=0,dump=off,console=off", "-Xshare:off");
        List<String> full = List.of("-javaagent:" + agentJar + "=stacks=all,dump=off,console=off", "-Xshare:off");
        List<Run> runs = new ArrayList<>();
        runs.add(new Run("floor: untracked hold+put, no agent", "floor", hold + ".untrackedPair", 1, 0, List.of()));
        runs.add(new Run("agent, call site + owner + thread + time", "sites", hold + ".untrackedPair", 1, 0, sites));
        runs.add(new Run("agent, full stack on every hold", "full", hold + ".untrackedPair", 1, 0, full));
        runs.add(new Run("netty PARANOID", "netty", netty + ".retainRelease", 1, 0, netty("PARANOID")));
        if (smoke) {
            return runs;
        }
        runs.add(new Run("floor: tracked hold+put, no agent", "floor", hold + ".trackedPair", 1, 0, List.of()));
        runs.add(new Run("agent, call site mode, tracked pair", "sites", hold + ".trackedPair", 1, 0, sites));
        runs.add(new Run("floor, 2 threads", "floor", hold + ".untrackedPair", 2, 0, List.of()));
        runs.add(new Run("agent, call site mode, 2 threads", "sites", hold + ".untrackedPair", 2, 0, sites));
        runs.add(new Run("agent, call site mode, 1 000 outstanding", "sites", hold + ".untrackedPair", 1, 1_000, sites));
        runs.add(new Run("agent, call site mode, 1 000 000 outstanding", "sites", hold + ".untrackedPair", 1,
                1_000_000, sites));
        for (String level : List.of("DISABLED", "SIMPLE", "ADVANCED")) {
            runs.add(new Run("netty " + level, "netty", netty + ".retainRelease", 1, 0, netty(level)));
        }
        return runs;
    }

    private static List<String> netty(String level) {
        return List.of("-Dio.netty.leakDetection.level=" + level, "-Dio.netty.leakDetection.samplingInterval=1");
    }

    private static Measured measure(Run run, boolean smoke) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + run.benchmark().replace(".", "\\.").replace("$", "\\$") + "$")
                .forks(1)
                .threads(run.threads())
                .param("outstanding", Integer.toString(run.outstanding()))
                .jvmArgsAppend(run.jvmArgs().toArray(String[]::new))
                .shouldFailOnError(true);
        if (smoke) {
            options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        } else {
            options.warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        RunResult result = new Runner(options.build()).runSingle();
        double score = result.getPrimaryResult().getScore();
        double error = result.getPrimaryResult().getScoreError();
        return new Measured(run, score, Double.isNaN(error) ? 0 : error);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }
}
