package org.reftrace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI checks only that the benchmark builds and runs: one short iteration of each main configuration. Speed is
 * measured with the full run (docs/performance.md), never asserted in tests.
 */
class BenchSmokeIT {
    @TempDir
    Path dir;

    @Test
    void theBenchmarkRunsAndPrintsItsTable() throws Exception {
        Path jar = Path.of(System.getProperty("reftrace.benchJar", "target/benchmarks.jar")).toAbsolutePath();
        Path agent = Path.of(System.getProperty("reftrace.agentJar", "../agent/target/reftrace-agent.jar")).toAbsolutePath();
        Path out = dir.resolve("out.txt");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--smoke", "--agent", agent.toString(), "--baseline-agent", agent.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(bench.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(out);
        assertThat(bench.exitValue()).as(printed).isZero();
        assertThat(printed).contains("| floor: untracked hold+put, no agent | 1 | 0 |")
                .contains("| agent, call site + owner + thread + time | 1 | 0 |")
                .contains("| agent, full stack on every hold |").contains("| netty PARANOID |")
                .contains("spread over forks").contains("Heap per outstanding reference")
                .contains("outstanding references: snapshot").contains("Targets (issue 18)")
                .containsPattern("call-site mode ≤ 2× the floor, 1 thread: [0-9.]+×, (met|MISSED)")
                .contains("| baseline agent, call site mode | 1 | 0 |").contains("bytes allocated per op")
                .containsPattern("call-site mode / the baseline agent, same run: [0-9.]+× on 1 thread");
    }

    @Test
    void aBadOptionIsOneLineAndExitTwo() throws Exception {
        Path jar = Path.of(System.getProperty("reftrace.benchJar", "target/benchmarks.jar")).toAbsolutePath();
        Path out = dir.resolve("bad.txt");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--forks", "many").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(bench.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(bench.exitValue()).isEqualTo(2);
        assertThat(Files.readString(out).strip()).isEqualTo(
                "reftrace bench: --forks takes a whole number above 0, not many "
                        + "(options: --smoke, --forks N, --agent PATH, --baseline-agent PATH)");
    }

    @Test
    void aBaselineAgentThatIsNoFileIsOneLineAndExitTwo() throws Exception {
        Path jar = Path.of(System.getProperty("reftrace.benchJar", "target/benchmarks.jar")).toAbsolutePath();
        Path out = dir.resolve("baseline.txt");
        Path agent = Path.of(System.getProperty("reftrace.agentJar", "../agent/target/reftrace-agent.jar"))
                .toAbsolutePath();
        Path missing = dir.resolve("no-such-agent.jar");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--agent", agent.toString(), "--baseline-agent", missing.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(bench.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(bench.exitValue()).isEqualTo(2);
        assertThat(Files.readString(out).strip()).isEqualTo("reftrace bench: no agent jar at " + missing
                + " (build it: mvn -DskipTests package, or pass --baseline-agent PATH)");
    }
}
