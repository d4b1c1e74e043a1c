package org.reftrace.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A leaking gallery scenario under the agent with a JFR recording running ({@code -XX:StartFlightRecording}), on
 * every JDK we have; the recording read with that JDK's own {@code jfr} tool: the agent's events, loaded by its
 * own class loader, are registered and recorded, and name the leaking call site.
 */
class JfrEventsIT {
    static final String SITE = "org.reftrace.gallery.scenarios.StaleRouteCache$TunnelRouteCache.cacheRoute(StaleRouteCache.java:44)";

    @TempDir
    Path dir;

    static List<String> javas() {
        return ForkedJvm.javas();
    }

    private Path record(String java, String settings) throws Exception {
        Path recording = dir.resolve("leak.jfr");
        String start = "-XX:StartFlightRecording=filename=" + recording + (settings == null ? "" : ",settings=" + settings);
        Process p = ForkedJvm.start(java, "dump=" + dir.resolve("dump.json"), List.of(start),
                "org.reftrace.gallery.GalleryMain", List.of("stale-route-cache", "buggy"), dir.resolve("out.txt"),
                dir.resolve("err.txt"));
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(Files.readString(dir.resolve("err.txt"))).doesNotContain("Exception").doesNotContain("Error");
        return recording;
    }

    /** Runs the JDK's own {@code jfr} tool, beside {@code java}. */
    private String jfr(String java, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(java).resolveSibling("jfr").toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("jfr-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String text = Files.readString(out);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static long count(String summary, String event) {
        return summary.lines().map(String::trim).filter(l -> l.startsWith(event + " "))
                .mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).findFirst().orElse(0);
    }

    @ParameterizedTest
    @MethodSource("javas")
    void aDefaultRecordingOfALeakHasTheProblemAndTheLingeringHoldersNamingTheSite(String java) throws Exception {
        Path recording = record(java, null);
        String summary = jfr(java, "summary", recording.toString());
        assertThat(count(summary, "reftrace.Problem")).as(summary).isPositive();
        assertThat(count(summary, "reftrace.LingeringHolders")).as(summary).isPositive();
        String problems = jfr(java, "print", "--events", "reftrace.Problem", recording.toString());
        assertThat(problems).contains("type = \"lingering-holders\"").contains("object = \"dummy0\"")
                .contains("site = \"" + SITE + "\"");
        String lingering = jfr(java, "print", "--events", "reftrace.LingeringHolders", recording.toString());
        assertThat(lingering).contains("holders = 3").contains("usageCount = 4").contains("topSite = \"" + SITE + "\"")
                .contains("topOwner = \"org.reftrace.gallery.scenarios.StaleRouteCache$TunnelRouteCache\"");
    }

    @ParameterizedTest
    @MethodSource("javas")
    void withoutARecordingTheAgentLeavesJfrAlone(String java) throws Exception {
        Path classes = dir.resolve("classes.txt");
        Process p = ForkedJvm.start(java, "dump=" + dir.resolve("dump.json"), List.of("-Xlog:class+load:file=" + classes),
                "org.reftrace.gallery.GalleryMain", List.of("stale-route-cache", "buggy"), dir.resolve("out.txt"),
                dir.resolve("err.txt"));
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("reftrace: dummy0 in init_net (netdev, waiting")
                .contains("is held by 3 recorded references");
        // the leak was reported, and JFR's machinery (its metadata, the event classes) was never loaded for it
        assertThat(Files.readAllLines(classes)).noneMatch(l -> l.contains("jdk.jfr.internal.MetadataRepository")
                || l.contains("org.reftrace.agent.output.jfr.ProblemEvent"));
    }

    @ParameterizedTest
    @MethodSource("javas")
    void theOutstandingReferencesPerSiteComeAtTheRecordingsPeriod(String java) throws Exception {
        Path settings = dir.resolve("reftrace.jfc");
        Files.writeString(settings, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="reftrace every 100 ms">
                  <event name="reftrace.OutstandingReferences"><setting name="enabled">true</setting><setting name="period">100 ms</setting></event>
                  <event name="reftrace.Problem"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
                  <event name="reftrace.LingeringHolders"><setting name="enabled">true</setting></event>
                </configuration>
                """);
        Path recording = record(java, settings.toString());
        String summary = jfr(java, "summary", recording.toString());
        assertThat(count(summary, "reftrace.OutstandingReferences")).as(summary).isPositive();
        String outstanding = jfr(java, "print", "--events", "reftrace.OutstandingReferences", recording.toString());
        assertThat(outstanding).contains("site = \"" + SITE + "\"").contains("outstanding = 3");
    }
}
