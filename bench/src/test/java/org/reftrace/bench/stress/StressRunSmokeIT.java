package org.reftrace.bench.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI runs the stress run small (one round, 2 threads × 200 000 pairs): it checks that the run works end to end,
 * a child JVM under the real agent whose dump must name each known leak, never its figures.
 */
class StressRunSmokeIT {
    @TempDir
    Path dir;

    private Process start(Path out, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("reftrace.benchJar", "target/benchmarks.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", jar.toString(), StressRun.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
    }

    @Test
    void theStressRunFindsEveryKnownLeakAndPrintsItsRatios() throws Exception {
        Path agent = Path.of(System.getProperty("reftrace.agentJar", "../agent/target/reftrace-agent.jar"))
                .toAbsolutePath();
        Path out = dir.resolve("out.txt");
        Process run = start(out, "--rounds", "1", "--threads", "2", "--pairs", "200000", "--agent", agent.toString());
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(out);
        assertThat(run.exitValue()).as(printed).isZero();
        assertThat(printed).contains("| no agent |").contains("| agent (defaults) |")
                .containsPattern("work time [0-9.]+×, process time [0-9.]+×, peak memory [0-9.]+×")
                .contains("Known leaks found in every agent round: [4/4]");
    }

    @Test
    void aBadOptionIsOneLineAndExitTwo() throws Exception {
        Path out = dir.resolve("bad.txt");
        Process run = start(out, "--pairs", "lots");
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).isEqualTo(2);
        assertThat(Files.readString(out).strip())
                .isEqualTo("reftrace stress: --pairs takes a whole number above 0, not lots");
    }
}
