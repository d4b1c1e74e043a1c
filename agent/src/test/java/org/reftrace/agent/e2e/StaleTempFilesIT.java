package org.reftrace.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 5: {@code kill -9} in the middle of a dump leaves its temporary file (it carries the writer's
 * pid), and {@code kill -9} of an agent leaves its control folder; the next agent started for that dump path
 * removes both, says so, and leaves nothing behind itself.
 */
class StaleTempFilesIT {
    @TempDir
    Path dir;

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private List<Path> temps(Path target) throws Exception {
        try (Stream<Path> files = Files.list(target.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith("." + target.getFileName() + ".")).toList();
        }
    }

    private static void awaitTrue(java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited 60 s for " + what).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    @Test
    void theNextAgentRemovesWhatKilledWritersAndAgentsLeft() throws Exception {
        Path target = dir.resolve("dump.json");
        String classPath = System.getProperty("java.class.path");

        // 1. a writer killed with SIGKILL in the middle of a dump
        Process writer = new ProcessBuilder(JAVA, "-Xmx512m", "-cp", classPath, SlowDumpMain.class.getName(), "write",
                target.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("writer.txt").toFile()).start();
        awaitTrue(() -> temps(target).stream().anyMatch(p -> sizeOf(p) > 1_000_000), "a temporary file of 1 MB");
        writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(temps(target)).as("what kill -9 left").hasSize(1)
                .allSatisfy(p -> assertThat(p.getFileName().toString()).contains("." + writer.pid() + "."));

        // 2. an agent killed with SIGKILL leaves its control folder
        Process agent = ForkedJvm.start(JAVA, "dump=" + dir.resolve("other.json") + ",console=off", List.of(),
                SlowDumpMain.class.getName(), List.of("sleep"), dir.resolve("agent.out"), dir.resolve("agent.err"));
        Path control = Path.of(System.getProperty("java.io.tmpdir"), "reftrace-control-" + agent.pid());
        awaitTrue(() -> Files.isDirectory(control), "the agent's control folder");
        agent.destroyForcibly();
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(control).isDirectory();

        // 3. the next agent for that dump path cleans up both, and says so
        ForkedJvm.Result next = ForkedJvm.run(JAVA, "dump=" + target + ",console=off", SlowDumpMain.class.getName(),
                List.of("exit"), dir);
        assertThat(next.exitCode()).as(next.stderr()).isZero();
        assertThat(next.stderr()).containsPattern("reftrace: removed 1 temporary dump file \\(\\d+ KiB\\) that killed "
                + "processes left beside " + java.util.regex.Pattern.quote(target.toString()));
        assertThat(temps(target)).as("temporary files after the next agent").isEmpty();
        assertThat(target).isRegularFile(); // its own exit dump, written through a temporary file it removed
        assertThat(control).doesNotExist();
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).startsWith("{\"format\":\"reftrace-dump\"");
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0; // renamed away between the listing and now
        }
    }
}
