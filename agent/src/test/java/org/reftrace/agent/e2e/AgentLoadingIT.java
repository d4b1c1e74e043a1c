package org.reftrace.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;
import org.reftrace.dump.TrackedObject;

/** How the agent loads: bad options, class-loader isolation, and a late attach. On every JDK we have. */
class AgentLoadingIT {
    @TempDir
    Path dir;

    static List<String> javas() {
        return ForkedJvm.javas();
    }

    @ParameterizedTest
    @MethodSource("javas")
    void badOptionSaysWhatIsWrongAndTheProgramRunsWithoutTheAgent(String java) throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(java, "stacks=lots,dump=" + dir.resolve("d.json"),
                "org.reftrace.gallery.GalleryMain", List.of("qinq-hang", "fixed"), dir);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains(
                "reftrace: agent option 'stacks=lots' is invalid (expected: a whole number >= 0, or all)",
                "reftrace: the agent is off; the program runs without it");
        assertThat(result.stdout()).contains("# outcome: clean");
        assertThat(dir.resolve("d.json")).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("javas")
    void theAgentsOwnClassesAreInvisibleToTheApplication(String java) throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(java, "dump=off", "org.reftrace.testfixture.ClassVisibilityProbe",
                List.of("org.reftrace.agent.record.Recorder", "org.reftrace.agent.shaded.bytebuddy.ByteBuddy",
                        "net.bytebuddy.ByteBuddy", "org.reftrace.agent.shaded.hdrhistogram.Histogram",
                        "org.reftrace.agent.bootstrap.Hooks"), dir);
        assertThat(result.stdout()).contains("hidden org.reftrace.agent.record.Recorder",
                "hidden org.reftrace.agent.shaded.bytebuddy.ByteBuddy", "hidden net.bytebuddy.ByteBuddy",
                "hidden org.reftrace.agent.shaded.hdrhistogram.Histogram",
                "visible org.reftrace.agent.bootstrap.Hooks loader=null");
    }

    /**
     * A program that depends on {@code reftrace-agent} as a library (to read the recorder's types, as the bench's
     * footprint does) has the agent's plain classes on its class path, ahead of the agent jar the JVM appends: the
     * system loader finds the program's copy of the entry class first. The agent must still start from its own jar.
     */
    @ParameterizedTest
    @MethodSource("javas")
    void theAgentStartsWhenTheProgramShipsACopyOfItsClasses(String java) throws Exception {
        Path dump = dir.resolve("d.json");
        ForkedJvm.Result result = ForkedJvm.run(java, "dump=" + dump, List.of(Path.of("target/classes")),
                "org.reftrace.gallery.GalleryMain", List.of("qinq-hang", "buggy"), dir);
        assertThat(result.stderr()).doesNotContain("failed to start").doesNotContain("the agent is off");
        assertThat(dump).exists();
        assertThat(Files.readString(dump)).contains("\"holders\"");
    }

    @ParameterizedTest
    @MethodSource("javas")
    void lateAttachRecordsNewHoldersAndCountsEarlierOnesAsUnattributed(String java) throws Exception {
        Path go = dir.resolve("go");
        Path out = dir.resolve("out.txt");
        List<String> flags = ForkedJvm.isJdk25(java) ? List.of("-XX:+EnableDynamicAgentLoading") : List.of();
        Process target = ForkedJvm.start(java, null, flags, "org.reftrace.testfixture.LateAttachTarget",
                List.of(go.toString()), out, dir.resolve("err.txt"));
        try {
            awaitLine(out, "ready");
            Path exitDump = dir.resolve("exit.json");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(target.pid()));
            try {
                vm.loadAgent(ForkedJvm.AGENT_JAR.toAbsolutePath().toString(), "dump=" + exitDump);
                Files.writeString(go, "go");
                awaitLine(out, "waiting for eth0");
                Path requested = dir.resolve("requested.json");
                vm.loadAgent(ForkedJvm.AGENT_JAR.toAbsolutePath().toString(), "command=dump,file=" + requested);
                Dump dump = DumpReader.read(requested);
                assertThat(dump.meta().trigger()).isEqualTo("request");
                assertThat(dump.health().attachedLate()).isTrue();
                TrackedObject eth0 = dump.objects().stream().filter(o -> o.name().equals("eth0")).findFirst()
                        .orElseThrow();
                assertThat(eth0.holders()).singleElement().satisfies(h -> {
                    assertThat(h.site()).contains("LateAttachTarget$LateHolder.grab");
                    assertThat(h.owner()).startsWith("LateAttachTarget$LateHolder@");
                });
                assertThat(eth0.unattributed()).isEqualTo(1);
            } finally {
                vm.detach();
            }
            assertThat(target.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(target.exitValue()).isZero();
            assertThat(DumpReader.read(exitDump).meta().trigger()).isEqualTo("exit");
            assertThat(Files.readString(dir.resolve("err.txt"))).contains("reftrace: eth0 in init_net (netdev")
                    .contains("and 1 reference the count shows but no recorded hold explains");
        } finally {
            target.destroyForcibly();
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void lingerAfterReportsHoldersBeforeTheProgramsOwnWarning(String java) throws Exception {
        Path dump = dir.resolve("d.json");
        ForkedJvm.Result result = ForkedJvm.run(java, "lingerAfter=40,dump=" + dump, "org.reftrace.gallery.GalleryMain",
                List.of("lookup-leak-error-path", "buggy"), dir);
        assertThat(result.exitCode()).isZero();
        Dump read = DumpReader.read(dump);
        org.reftrace.dump.Problem lingering = read.problems().get(0);
        assertThat(lingering.type()).isEqualTo("lingering-holders");
        assertThat(lingering.thread()).isEqualTo("main"); // the holder's thread; found by the watchdog
        long firstWarning = read.objects().stream().filter(o -> o.name().equals("dummy0"))
                .flatMap(o -> o.lifecycle().stream()).filter(e -> e.event().equals("wait-warning"))
                .mapToLong(e -> e.atNanos()).min().orElseThrow();
        assertThat(lingering.atNanos()).isLessThan(firstWarning);
        assertThat(read.problems()).filteredOn(p -> p.type().equals("lingering-holders")).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("javas")
    void periodicDumpsAppearWhileTheProgramRuns(String java) throws Exception {
        Path dump = dir.resolve("periodic.json");
        Process churn = ForkedJvm.start(java, "dumpEvery=1,console=off,dump=" + dump, List.of(),
                "org.reftrace.gallery.GalleryMain", List.of("churn", "buggy", "6"), dir.resolve("o.txt"),
                dir.resolve("e.txt"));
        try {
            long deadline = System.nanoTime() + 30_000_000_000L; // agent start-up is slow on a loaded machine
            while (!Files.exists(dump) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(churn.isAlive()).isTrue();
            Dump read = DumpReader.read(dump);
            assertThat(read.meta().trigger()).isEqualTo("periodic");
        } finally {
            assertThat(churn.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(DumpReader.read(dump).meta().trigger()).isEqualTo("exit");
    }

    @ParameterizedTest
    @MethodSource("javas")
    void aProfileFileTracksACustomClass(String java) throws Exception {
        Path dump = dir.resolve("lease.json");
        Path profile = Path.of("src/test/resources/lease.profile").toAbsolutePath();
        ForkedJvm.Result result = ForkedJvm.run(java, "profile=" + profile + ",dump=" + dump,
                "org.reftrace.testfixture.lease.LeaseUser", List.of(), dir);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("done, hoarder keeps 1");
        Dump read = DumpReader.read(dump);
        assertThat(read.meta().profile()).isEqualTo("lease");
        assertThat(read.problems()).singleElement().satisfies(p -> {
            // the collector may take the lease before the exit dump: either way, a leak with its holder
            assertThat(p.type()).isIn("held-at-exit", "leak-found-by-gc");
            assertThat(p.object()).isEqualTo("lease-1");
            assertThat(p.site()).startsWith("org.reftrace.testfixture.lease.LeaseUser$Hoarder.borrow(LeaseUser.java:");
            assertThat(p.message()).contains("by LeaseUser$Hoarder@");
        });
    }

    @ParameterizedTest
    @MethodSource("javas")
    void aBrokenProfileFileIsOneLineAndTheProgramRunsWithoutTheAgent(String java) throws Exception {
        Path profile = dir.resolve("broken.profile");
        Files.writeString(profile, "name = x\ntype = a.B\nhold = a.B#h\n");
        ForkedJvm.Result result = ForkedJvm.run(java, "profile=" + profile, "org.reftrace.testfixture.lease.LeaseUser",
                List.of(), dir);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("reftrace: profile " + profile + ":3: field 'hold' is 'a.B#h'",
                "reftrace: the agent is off; the program runs without it");
        assertThat(result.stdout()).contains("done, hoarder keeps 1");
    }

    private static void awaitLine(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the target never printed '" + text + "'");
    }
}
