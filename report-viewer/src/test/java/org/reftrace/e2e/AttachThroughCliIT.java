package org.reftrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;
import org.reftrace.dump.Holder;

/** A running churn JVM found by {@code list}, given the agent by {@code attach}, dumped by {@code dump}. */
class AttachThroughCliIT {
    @TempDir
    Path dir;

    record Cli(int exit, String output) {}

    private Cli cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dreftrace.home=" + ReportInBrowserIT.HOME.toAbsolutePath(), "-jar",
                ReportInBrowserIT.CLI.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "cli", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Cli(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void attachToARunningChurnAndDumpIt() throws Exception {
        Path drivers = ReportInBrowserIT.HOME.resolve("sample-drivers/target/sample-drivers.jar").toAbsolutePath();
        Process churn = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", drivers.toString(), "org.reftrace.gallery.GalleryMain", "churn", "buggy", "180")
                .redirectOutput(dir.resolve("churn.out").toFile()).redirectError(dir.resolve("churn.err").toFile())
                .start();
        String pid = Long.toString(churn.pid());
        try {
            Thread.sleep(1500);
            Cli list = cli("list");
            assertThat(list.exit()).isZero();
            assertThat(list.output()).containsPattern("(?m)^" + pid + "\\s+attachable\\s+org.reftrace.gallery.GalleryMain");

            Cli noAgent = cli("dump", pid, "-o", dir.resolve("early.json").toString());
            assertThat(noAgent.exit()).isEqualTo(2);
            assertThat(noAgent.output()).contains("does not run the reftrace agent (load it first: reftrace attach " + pid);

            Cli attach = cli("attach", pid, "--options", "dump=" + dir.resolve("exit.json") + ",console=off");
            assertThat(attach.exit()).as(attach.output()).isZero();
            assertThat(attach.output()).contains("reftrace: agent loaded into JVM " + pid);
            assertThat(cli("list").output()).containsPattern("(?m)^" + pid + "\\s+running\\s+");

            Thread.sleep(4000); // the churn leaks one reference every 40 iterations
            Path dumpFile = dir.resolve("now.json");
            Cli dump = cli("dump", pid, "-o", dumpFile.toString());
            assertThat(dump.exit()).as(dump.output()).isZero();
            Dump read = DumpReader.read(dumpFile);
            assertThat(read.health().attachedLate()).isTrue();
            assertThat(read.meta().trigger()).isEqualTo("request");
            List<Holder> leaked = read.objects().stream().flatMap(o -> o.holders().stream())
                    .filter(h -> h.site().contains("Churn$StatsCollector.sample")).toList();
            assertThat(leaked).isNotEmpty().allSatisfy(h -> assertThat(h.owner()).startsWith("Churn$StatsCollector@"));

            Cli report = cli("report", dumpFile.toString(), "-o", dir.resolve("now.html").toString());
            assertThat(report.exit()).isZero();
            assertThat(dir.resolve("now.html")).exists();
        } finally {
            churn.destroy();
            churn.waitFor(30, TimeUnit.SECONDS);
            churn.destroyForcibly();
        }
    }
}
