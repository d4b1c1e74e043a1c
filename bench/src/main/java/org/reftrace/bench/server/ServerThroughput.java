package org.reftrace.bench.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.reftrace.samples.netty.http.Load;

/**
 * The server throughput benchmark (issue 14): an HTTP keep-alive server in a child JVM, driven from this JVM on
 * 127.0.0.1 by a fixed number of connections for a fixed time, under three configurations (no agent, Netty
 * PARANOID, reftrace {@code profile=netty}) in alternating rounds; medians, spread and ratios against the
 * no-agent run of the same round, printed as a table and written to {@code bench/target/server-throughput.md}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.reftrace.bench.server.ServerThroughput
 *      [--rounds 5] [--seconds 10] [--warmup 5] [--connections 4] [--agent agent/target/reftrace-agent.jar]
 *      [--jfr DIR] [--baseline-agent OLD.jar]
 * </pre>
 * Each round starts every configuration's server afresh, in an order rotated from round to round, warms it up
 * for {@code --warmup} seconds (not counted), then measures for {@code --seconds}. {@code --jfr DIR} records each
 * server with JFR's profiling settings to {@code DIR/round-N-CONFIG.jfr}, to see where a configuration's time goes
 * (the recording itself costs a few percent, alike for all; {@code -Dreftrace.bench.jfrSettings=FILE.jfc} records
 * with other settings, a finer sampling period say). {@code --baseline-agent OLD.jar} adds a fourth configuration,
 * reftrace with that agent jar, to the same rounds: a change's effect, measured against the agent of before it
 * with the machine in the same state. Bad options: one line, exit 2.
 */
public final class ServerThroughput {
    /** What one invocation measures. */
    record Options(int rounds, int seconds, int warmupSeconds, int connections, String agentJar, Path jfrDir,
            String baselineAgentJar) {}

    private ServerThroughput() {}

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        requireJar(options.agentJar(), "build it: mvn -DskipTests package, or pass --agent PATH");
        if (options.baselineAgentJar() != null) {
            requireJar(options.baselineAgentJar(), "--baseline-agent takes the path of an agent jar");
        }
        List<Config> configs = Config.all(options.agentJar(), options.baselineAgentJar());
        String classpath = System.getProperty("java.class.path");
        Path target = Path.of("bench/target");
        Path logs = Files.isDirectory(target) ? Files.createDirectories(target.resolve("server-throughput-logs"))
                : Files.createTempDirectory("reftrace-server-bench");
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (int i = 0; i < configs.size(); i++) {
                Config config = configs.get((i + round - 1) % configs.size());
                Sample sample = measure(config, round, options, classpath, logs.resolve("round-" + round + "-" + config.slug() + ".log"));
                System.err.printf("round %d, %-24s %,10.0f requests/s, %6.1f µs server CPU per request%n", round,
                        config.name(), sample.requestsPerSecond(), sample.serverCpuMicrosPerRequest());
                samples.add(sample);
            }
        }
        String table = ThroughputTable.markdown(configs, samples, options);
        System.out.println(table);
        Path out = target.resolve("server-throughput.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, table);
            System.err.println("reftrace bench: results written to " + out.toAbsolutePath() + " (server logs in " + logs + ")");
        }
    }

    private static Sample measure(Config config, int round, Options options, String classpath, Path log)
            throws Exception {
        try (ServerProcess server = ServerProcess.start(recorded(config, round, options), classpath, log)) {
            if (options.warmupSeconds() > 0) {
                Load.forDuration(server.port(), "/hello", options.connections(), options.warmupSeconds() * 1000L);
            }
            Duration cpuBefore = server.cpu();
            Load.Result result = Load.forDuration(server.port(), "/hello", options.connections(), options.seconds() * 1000L);
            Duration cpuAfter = server.cpu();
            if (result.byStatus().keySet().stream().anyMatch(status -> status != 200)) {
                throw new IllegalStateException(config.name() + ": the server answered " + result.byStatus());
            }
            double perSecond = result.requests() * 1e9 / result.nanos();
            double cpuMicros = cpuBefore == null || cpuAfter == null || result.requests() == 0 ? Double.NaN
                    : cpuAfter.minus(cpuBefore).toNanos() / 1e3 / result.requests();
            return new Sample(config, round, perSecond, cpuMicros);
        }
    }

    private static void requireJar(String jar, String hint) {
        if (!Files.isRegularFile(Path.of(jar))) {
            fail("no agent jar at " + jar + " (" + hint + ")");
        }
    }

    /** The configuration with a JFR recording of its server added, when {@code --jfr} asks for one. */
    private static Config recorded(Config config, int round, Options options) throws java.io.IOException {
        if (options.jfrDir() == null) {
            return config;
        }
        Path file = Files.createDirectories(options.jfrDir()).resolve("round-" + round + "-" + config.slug() + ".jfr");
        List<String> flags = new ArrayList<>(config.jvmFlags());
        String settings = System.getProperty("reftrace.bench.jfrSettings", "profile");
        flags.add("-XX:StartFlightRecording=filename=" + file + ",settings=" + settings);
        return new Config(config.name(), flags);
    }

    static Options parse(String[] args) {
        int rounds = 5;
        int seconds = 10;
        int warmup = 5;
        int connections = 4;
        String agent = Path.of("agent/target/reftrace-agent.jar").toAbsolutePath().toString();
        Path jfr = null;
        String baseline = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                fail("option '" + name + "' needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--rounds" -> rounds = positive(name, value, 1);
                case "--seconds" -> seconds = positive(name, value, 1);
                case "--warmup" -> warmup = positive(name, value, 0);
                case "--connections" -> connections = positive(name, value, 1);
                case "--agent" -> agent = Path.of(value).toAbsolutePath().toString();
                case "--jfr" -> jfr = Path.of(value).toAbsolutePath();
                case "--baseline-agent" -> baseline = Path.of(value).toAbsolutePath().toString();
                default -> fail("option '" + name + "' is unknown (expected: --rounds, --seconds, --warmup, "
                        + "--connections, --agent, --jfr, --baseline-agent)");
            }
        }
        return new Options(rounds, seconds, warmup, connections, agent, jfr, baseline);
    }

    private static int positive(String name, String value, int least) {
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail("option '" + name + " " + value + "' is invalid (expected: an integer >= " + least + ")");
        return least;
    }

    private static void fail(String message) {
        System.err.println("reftrace bench: " + message);
        System.exit(2);
    }
}
