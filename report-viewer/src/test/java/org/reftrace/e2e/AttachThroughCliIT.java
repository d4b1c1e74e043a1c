package org.reftrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;
import org.reftrace.dump.Holder;

/**
 * A running churn JVM found by {@code list} and by its jar's name, given the agent by {@code attach} (a bad option
 * first: refused with the agent's own line), asked by {@code status}, dumped by {@code dump} and by
 * {@code attach -d}; on every JDK here, the target on that JDK. On JDK 21+, only the one agent load prints the
 * dynamic-agent warning into the target's stderr: dumps talk to the running agent without loading it again.
 */
class AttachThroughCliIT {
    private static final String WARNING = "WARNING: A Java agent has been loaded dynamically";

    @TempDir
    Path dir;

    record Cli(int exit, String output) {}

    static Stream<String> jdks() {
        Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        Path here = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(temurin25) ? Stream.of(here.toString(), temurin25.toString()) : Stream.of(here.toString());
    }

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

    /** A jar of a unique name that runs the churn: other developers' JVMs on this machine never share its name. */
    private Path churnJar() throws Exception {
        Path drivers = ReportInBrowserIT.HOME.resolve("sample-drivers/target/sample-drivers.jar").toAbsolutePath();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.reftrace.gallery.GalleryMain");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, drivers.toUri().toString());
        Path jar = dir.resolve("churn-" + System.nanoTime() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void attachToARunningChurnAndDumpIt(String java) throws Exception {
        Path jar = churnJar();
        String name = jar.getFileName().toString().replace(".jar", "");
        Path churnErr = dir.resolve("churn.err");
        Process churn = new ProcessBuilder(java, "-jar", jar.toString(), "churn", "buggy", "600") // ended by the test; long enough for a loaded machine
                .redirectOutput(dir.resolve("churn.out").toFile()).redirectError(churnErr.toFile()).start();
        String pid = Long.toString(churn.pid());
        try {
            Thread.sleep(1500);
            Cli list = cli("list");
            assertThat(list.exit()).isZero();
            assertThat(list.output()).containsPattern("(?m)^" + pid + "\\s+attachable\\s+" + jar);

            Cli noAgent = cli("dump", name, "-o", dir.resolve("early.json").toString());
            assertThat(noAgent.exit()).isEqualTo(2);
            assertThat(noAgent.output()).contains("does not run the reftrace agent (load it first: reftrace attach " + pid);
            Cli statusBefore = cli("status", name);
            assertThat(statusBefore.exit()).isEqualTo(2);
            assertThat(statusBefore.output()).isEqualTo("JVM " + pid + " does not run the reftrace agent (load it: "
                    + "reftrace attach " + pid + ")\n");

            Cli refused = cli("attach", name, "--agent-options", "stacks=lots");
            assertThat(refused.exit()).as(refused.output()).isEqualTo(2);
            assertThat(refused.output()).isEqualTo("reftrace: agent option 'stacks=lots' is invalid (expected: a whole "
                    + "number >= 0, or all)\nreftrace: the agent is off; the program runs without it\n");

            Cli attach = cli("attach", pid, "-o", dir.resolve("exit-%p.json").toString(), "--agent-options", "console=off");
            assertThat(attach.exit()).as(attach.output()).isZero();
            assertThat(attach.output()).isEqualTo("reftrace: agent loaded into JVM " + pid
                    + " (take a dump with 'reftrace dump " + pid + "')\n");
            assertThat(cli("list").output()).containsPattern("(?m)^" + pid + "\\s+running\\s+");
            Cli status = cli("status", name);
            assertThat(status.exit()).isZero();
            assertThat(status.output()).isEqualTo("JVM " + pid + " runs the reftrace agent 0.1.0 profile=kernel\n"
                    + "  options: console=off,dump=" + dir.resolve("exit-" + pid + ".json") + "\n"
                    + "  exit dump: " + dir.resolve("exit-" + pid + ".json") + "\n"
                    + "  dump now: reftrace dump " + pid + "\n");

            Thread.sleep(3000); // the churn leaks one reference every 40 iterations
            Path dumpFile = dir.resolve("now-" + pid + ".json");
            Cli dump = cli("dump", name, "-o", dir.resolve("now-%p.json").toString());
            assertThat(dump.exit()).as(dump.output()).isZero();
            assertThat(dump.output()).isEqualTo("reftrace: dump written to " + dumpFile + "\n");
            Dump read = DumpReader.read(dumpFile);
            assertThat(read.health().attachedLate()).isTrue();
            assertThat(read.meta().trigger()).isEqualTo("request");
            List<Holder> leaked = read.objects().stream().flatMap(o -> o.holders().stream())
                    .filter(h -> h.site().contains("Churn$StatsCollector.sample")).toList();
            // every one names its owner's class; its instance too, but for a reference taken in the moment between
            // the attach and the rewrite of the callers already loaded (the site is then found on the stack)
            assertThat(leaked).isNotEmpty().allSatisfy(h -> assertThat(h.ownerClass())
                    .isEqualTo("org.reftrace.gallery.scenarios.Churn$StatsCollector"));
            assertThat(leaked).filteredOn(h -> h.owner() != null).isNotEmpty()
                    .allSatisfy(h -> assertThat(h.owner()).startsWith("Churn$StatsCollector@"));

            Cli timed = cli("attach", pid, "-d", "1", "-o", dir.resolve("timed.json").toString());
            assertThat(timed.exit()).as(timed.output()).isZero();
            assertThat(timed.output()).isEqualTo("reftrace: JVM " + pid + " already runs the agent\n"
                    + "reftrace: dump written to " + dir.resolve("timed.json") + "\n"
                    + "reftrace: report written to " + dir.resolve("timed.html") + "\n");

            Cli report = cli("report", dumpFile.toString(), "-o", dir.resolve("now.html").toString());
            assertThat(report.exit()).isZero();
            assertThat(dir.resolve("now.html")).exists();

            String targetErr = Files.readString(churnErr);
            long warnings = targetErr.lines().filter(l -> l.startsWith(WARNING)).count();
            int feature = Runtime.version().feature();
            if (java.contains("temurin-25") || feature >= 21) {
                // two loads (refused, then accepted), and nothing for the two dumps
                assertThat(warnings).as(targetErr).isEqualTo(2);
            } else {
                assertThat(warnings).as(targetErr).isZero();
            }
        } finally {
            churn.destroy();
            churn.waitFor(30, TimeUnit.SECONDS);
            churn.destroyForcibly();
        }
        assertThat(dir.resolve("exit-" + pid + ".json")).isRegularFile();
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("reftrace-control-" + pid);
        }
    }
}
