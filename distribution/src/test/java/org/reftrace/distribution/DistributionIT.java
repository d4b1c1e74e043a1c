package org.reftrace.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball {@code mvn package} leaves, unpacked far from the checkout, used from other folders. */
class DistributionIT {
    static final Path TARBALL = Path.of(System.getProperty("reftrace.tarball"));
    static final String VERSION = System.getProperty("reftrace.version");

    @TempDir
    Path dir;
    private Path launcher;

    @BeforeEach
    void unpack() throws Exception {
        Path opt = Files.createDirectories(dir.resolve("opt"));
        assertThat(Processes.run(opt, Map.of(), 60, List.of("tar", "xzf", TARBALL.toString())).exit()).isZero();
        launcher = opt.resolve("reftrace-" + VERSION + "/bin/reftrace");
    }

    @Test
    void hasTheLauncherAndTheJars() {
        Path home = launcher.getParent().getParent();
        assertThat(launcher).isExecutable();
        for (String jar : new String[] {"reftrace-cli.jar", "reftrace-agent.jar", "sample-drivers.jar", "reftrace-junit.jar"}) {
            assertThat(home.resolve("lib").resolve(jar)).as(jar).isRegularFile();
        }
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("docs/agent.md")).isRegularFile();
    }

    @Test
    void runsAScenarioUnderItsOwnAgentAndRendersTheDumpFromAnotherFolder() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Processes.Result run = Processes.run(work, Map.of(), 120,
                List.of(launcher.toString(), "run", "stale-route-cache", "-o", "out"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("waiting for dummy0 to become free");
        Path dump = work.resolve("out/dump.json");
        assertThat(dump).isRegularFile();

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Processes.Result report = Processes.run(elsewhere, Map.of(), 60,
                List.of(launcher.toString(), "report", dump.toString(), "-o", "page.html"));
        assertThat(report.exit()).as(report.output()).isZero();
        assertThat(report.output()).isEqualTo("reftrace: report written to " + elsewhere.resolve("page.html")
                + System.lineSeparator());
        assertThat(Files.readString(elsewhere.resolve("page.html"))).contains("dummy0")
                .contains("StaleRouteCache$TunnelRouteCache");
    }

    @Test
    void worksThroughASymbolicLink() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("reftrace"), launcher);
        Processes.Result version = Processes.run(dir, Map.of(), 60, List.of(link.toString(), "--version"));
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("reftrace " + VERSION.replace("-SNAPSHOT", ""));
    }
}
