package org.reftrace.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI checks only that the server throughput benchmark runs end to end (three servers in child JVMs, a fourth with
 * {@code --baseline-agent}, a real client, the table) and refuses bad options; its figures mean nothing at one
 * second a configuration and are never asserted.
 */
class ServerThroughputSmokeIT {
    @TempDir
    Path dir;

    private Process start(Path out, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("reftrace.benchJar", "target/benchmarks.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), ServerThroughput.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
    }

    @Test
    void oneShortRoundMeasuresEveryConfigurationAndPrintsTheTableAndRecordsEachServer() throws Exception {
        Path agent = Path.of(System.getProperty("reftrace.agentJar", "../agent/target/reftrace-agent.jar")).toAbsolutePath();
        Path out = dir.resolve("out.txt");
        Process bench = start(out, "--rounds", "1", "--seconds", "1", "--warmup", "0", "--connections", "2",
                "--agent", agent.toString(), "--jfr", "recordings", "--baseline-agent", agent.toString());
        assertThat(bench.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(out);
        assertThat(bench.exitValue()).as(printed).isZero();
        assertThat(printed).contains("round 1, no agent").contains("round 1, Netty PARANOID")
                .contains("round 1, reftrace profile=netty")
                .contains("| configuration | requests/s (median) |").contains("| no agent | ")
                .contains("| Netty PARANOID | ").contains("| reftrace profile=netty | ")
                .contains("reftrace / PARANOID (median of rounds): ")
                .contains("round 1, reftrace, baseline agent").contains("| reftrace, baseline agent | ")
                .contains("reftrace / the baseline agent (median of rounds): ");
        for (String config : List.of("no-agent", "netty-paranoid", "reftrace-profile-netty", "reftrace-baseline-agent")) {
            Path recording = dir.resolve("recordings/round-1-" + config + ".jfr");
            assertThat(recording).as("--jfr records the %s server", config).isNotEmptyFile();
        }
    }

    @Test
    void aBaselineAgentThatIsNoFileIsOneLineAndExitTwo() throws Exception {
        Path agent = Path.of(System.getProperty("reftrace.agentJar", "../agent/target/reftrace-agent.jar")).toAbsolutePath();
        Path out = dir.resolve("bad.txt");
        Process bench = start(out, "--agent", agent.toString(), "--baseline-agent", "old.jar");
        assertThat(bench.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(bench.exitValue()).isEqualTo(2);
        assertThat(Files.readString(out).strip()).isEqualTo("reftrace bench: no agent jar at " + dir.resolve("old.jar")
                + " (--baseline-agent takes the path of an agent jar)");
    }

    @Test
    void aBadOptionIsOneLineAndExitTwo() throws Exception {
        Path out = dir.resolve("bad.txt");
        Process bench = start(out, "--rounds", "0");
        assertThat(bench.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(bench.exitValue()).isEqualTo(2);
        assertThat(Files.readString(out).strip())
                .isEqualTo("reftrace bench: option '--rounds 0' is invalid (expected: an integer >= 1)");
    }
}
