package org.reftrace.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;
import org.reftrace.dump.ProblemGroup;

/** The agent never hangs its host and never loses a leak without a word (issue 13). */
class HostileProgramsIT {
    private static final String MAIN = "org.reftrace.testfixture.hostile.HostilePrograms";
    private static final Path PROFILE = Path.of("src/test/resources/slot.profile").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aHostExitingInsideALockItsAccessorsNeedExitsWithItsOwnCodeAndADump() throws Exception {
        Path dump = dir.resolve("dump.json");
        long start = System.nanoTime();
        Process p = ForkedJvm.start(ForkedJvm.javas().get(0), "profile=" + PROFILE + ",dump=" + dump, List.of(),
                MAIN, List.of("exit-under-lock"), dir.resolve("out.txt"), dir.resolve("err.txt"));
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the JVM exited within 30 s").isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(30));
        Dump read = DumpReader.read(dump);
        assertThat(read.objects()).filteredOn(o -> o.name().equals("slot-locked")).singleElement()
                .satisfies(o -> assertThat(o.holders()).hasSize(2));
        assertThat(read.health().namesUnreadable()).isPositive(); // its count could not be read in time: said
    }

    @Test
    void everyLeakTheCollectorFindsIsReportedOrCountedAndSaid() throws Exception {
        Path dump = dir.resolve("dump.json");
        ForkedJvm.Result result = ForkedJvm.run(ForkedJvm.javas().get(0), "profile=" + PROFILE + ",dump=" + dump,
                MAIN, List.of("collected", "50000"), dir);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Dump read = DumpReader.read(dump);
        long collected = read.problemGroups().stream().filter(g -> g.type().equals("leak-found-by-gc"))
                .mapToLong(ProblemGroup::count).sum();
        assertThat(collected).isEqualTo(50_000);
        assertThat(read.health().budgets()).anySatisfy(b -> assertThat(b.option()).startsWith("maxCollected="));
        assertThat(read.health().drops()).isEmpty(); // the collected ones' holds left maxHolds: nothing dropped
        assertThat(read.objects()).anySatisfy(o -> assertThat(o.name()).isEqualTo("still-here"));
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("leak-found-by-gc x50000");
    }

    /**
     * 3 000 000 objects touched (allocated and released, kept alive by the program): with nothing outstanding they
     * cost the agent nothing once released, so the resident set stays within twice the program's own plus 256 MB.
     * Both runs use the serial collector, which gives the heap back after the program's final full collections:
     * the resident set then shows what is kept, not how much garbage the run made (G1 keeps what it grew to:
     * 1 279 MB with the agent against 336 MB without, measured once, for a live set within 90 MB of each other).
     */
    @Test
    void threeMillionTouchedObjectsStayWithinTwiceTheHostsMemory() throws Exception {
        long without = touchRssKb(null, dir.resolve("without"));
        long with = touchRssKb("profile=" + PROFILE + ",dump=" + dir.resolve("dump.json"), dir.resolve("with"));
        System.out.printf("3 000 000 touched objects: RSS %d MB without the agent, %d MB with it%n", without / 1024,
                with / 1024);
        assertThat(with).isLessThanOrEqualTo(2 * without + 256 * 1024);
        Dump read = DumpReader.read(dir.resolve("dump.json"));
        assertThat(read.objects()).isEmpty(); // nothing outstanding, nothing to report: none kept
        assertThat(read.health().drops()).isEmpty();
    }

    private static long touchRssKb(String agentOptions, Path dir) throws Exception {
        Files.createDirectories(dir);
        Process p = ForkedJvm.start(ForkedJvm.javas().get(0), agentOptions, List.of("-Xmx3g", "-XX:+UseSerialGC"), MAIN,
                List.of("touch", "3000000"), dir.resolve("out.txt"), dir.resolve("err.txt"));
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("touch 3000000 did not finish in 3 minutes");
        }
        String out = Files.readString(dir.resolve("out.txt"));
        assertThat(p.exitValue()).as(out + Files.readString(dir.resolve("err.txt"))).isZero();
        long rss = Long.parseLong(out.replaceAll("(?s).*rss-kb (\\d+).*", "$1"));
        assertThat(rss).isPositive();
        return rss;
    }
}
