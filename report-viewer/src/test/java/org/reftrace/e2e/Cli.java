package org.reftrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built CLI jar in a JVM of its own, as a user runs {@code ./reftrace}. */
final class Cli {
    static final Path JAR = Path.of(System.getProperty("reftrace.cliJar", "target/reftrace-cli.jar"));
    static final Path HOME = Path.of(System.getProperty("reftrace.home", ".."));

    /**
     * What a run printed and how it ended.
     *
     * @param millis    wall-clock time it took
     * @param cpuMillis processor time it used, all its threads (the last reading before it ended), or -1
     */
    record Run(int exit, String output, long millis, long cpuMillis) {}

    private Cli() {}

    static Run run(Path dir, int timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dreftrace.home=" + HOME.toAbsolutePath(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "cli", ".txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long cpu = -1;
        boolean ended = false;
        while (!ended && System.nanoTime() < deadline) {
            cpu = p.info().totalCpuDuration().map(d -> d.toMillis()).orElse(cpu);
            ended = p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        if (!ended) {
            p.destroyForcibly();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String output = Files.readString(log);
        assertThat(ended).as("reftrace %s did not end within %d s: %s", String.join(" ", args), timeoutSeconds, output)
                .isTrue();
        return new Run(p.exitValue(), output, millis, cpu);
    }
}
