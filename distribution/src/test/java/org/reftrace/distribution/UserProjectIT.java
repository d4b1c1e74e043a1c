package org.reftrace.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own Maven project (src/it/user-project, written as docs/agent.md says) that knows reftrace only by
 * its coordinates {@code org.reftrace:reftrace-agent} and {@code org.reftrace:reftrace-junit}, built by a real
 * Maven against a private local repository holding just the installed reftrace artifacts (the build's
 * pre-integration-test phase installs them there). Every other artifact (JUnit, Maven's plugins) comes from the
 * outer build's local repository, read as a remote one, so the test needs no network and never writes to it.
 */
class UserProjectIT {
    @TempDir
    Path dir;

    @Test
    void aLeakyTestFailsNamingTheHolderAndACleanOnePasses() throws Exception {
        Path project = dir.resolve("user-project");
        copy(Path.of(System.getProperty("reftrace.userProject")), project);
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>outer</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(System.getProperty("reftrace.itRepository"),
                Path.of(System.getProperty("reftrace.outerRepository")).toUri()));
        Path mvn = Path.of(System.getProperty("reftrace.mavenHome"), "bin", "mvn");

        Processes.Result build = Processes.run(project, Map.of("MAVEN_OPTS", "-Xmx256m"), 300, List.of(mvn.toString(),
                "-B", "-ntp", "-s", settings.toString(), "-Dreftrace.version=" + DistributionIT.VERSION,
                "-Dmaven.test.failure.ignore=true", "test"));
        assertThat(build.exit()).as(build.output()).isZero();

        Path reports = project.resolve("target/surefire-reports");
        String summary = Files.readString(reports.resolve("com.example.pool.LabelCacheTest.txt"));
        assertThat(summary).as(build.output()).contains("Tests run: 2, Failures: 1, Errors: 0, Skipped: 0");
        String xml = Files.readString(reports.resolve("TEST-com.example.pool.LabelCacheTest.xml"));
        assertThat(xml).containsPattern("<testcase name=\"evictAndReleaseGivesTheReferenceBack\"[^>]*/>");
        assertThat(xml).containsPattern("(?s)<testcase name=\"evictForgetsTheCachesReference\".*?<failure message=\""
                + "reftrace: [^\"]*leaky[^\"]*com\\.example\\.pool\\.LabelCache\\.put\\(LabelCache\\.java:11\\)");

        // the agent came as one jar: nothing of what it shades reached the user's test class path
        assertThat(xml).contains("reftrace-agent-" + DistributionIT.VERSION + ".jar")
                .doesNotContain("byte-buddy").doesNotContain("HdrHistogram").doesNotContain("jackson")
                .doesNotContain("dump-format").doesNotContain("/asm/");
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
