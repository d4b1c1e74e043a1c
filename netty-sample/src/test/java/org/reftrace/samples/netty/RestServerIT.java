package org.reftrace.samples.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;
import org.reftrace.dump.Problem;
import org.reftrace.samples.netty.ForkedJvm.Jars;
import org.reftrace.samples.netty.http.SampleRun;

/**
 * The sample HTTP server ({@code RestServer}: Netty's codec and aggregator, our {@code RestHandler}) driven by a
 * real client on 127.0.0.1, on Netty 4.1 and 4.2, under Netty's PARANOID detector and under reftrace at Netty's
 * default detector level: what each must report for the correct route and for each buggy one (issue 14).
 */
class RestServerIT {
    private static final String MAIN = SampleRun.class.getName();
    private static final String HANDLER = "org/reftrace/samples/netty/http/RestHandler.java";
    private static final List<String> LEAKS = List.of("held-at-exit", "leak-found-by-gc");

    @TempDir
    Path dir;

    private Dump reftrace(Jars jars, String... plan) throws Exception {
        Path dump = dir.resolve("dump.json");
        String printed = ForkedJvm.run(dir, jars, List.of(ForkedJvm.agent(dump)), MAIN, 5, plan);
        assertThat(printed).contains("done");
        Dump read = DumpReader.read(dump);
        assertThat(read.health().adviceFailures()).as(Census.describe(read)).isZero();
        assertThat(read.health().failedToInstrument()).as(Census.describe(read)).isEmpty();
        return read;
    }

    @ParameterizedTest
    @EnumSource(names = {"NETTY_4_1", "NETTY_4_2"})
    void paranoidReportsNothingOnCorrectRequests(Jars jars) throws Exception {
        String printed = ForkedJvm.run(dir, jars, List.of("-Dio.netty.leakDetection.level=PARANOID"), MAIN, 5,
                "--connections", "both", "hello=2000");
        assertThat(printed).contains("client hello: keep-alive requests=1000 status{200=1000}, new requests=1000 status{200=1000}")
                .doesNotContain("LEAK:").doesNotContain("rest: ");
    }

    @ParameterizedTest
    @EnumSource(names = {"NETTY_4_1", "NETTY_4_2"})
    void paranoidNamesTheLeakyHandlerInItsHintAndNettyThrowsOnTheDoubleRelease(Jars jars) throws Exception {
        String printed = ForkedJvm.run(dir, jars, List.of("-Dio.netty.leakDetection.level=PARANOID"), MAIN, 5,
                "hello=200", "admin=5", "upload=1", "preview=3");
        assertThat(printed).contains("server: served=209 leaked=5 double-released=1 slices-leaked=3 exceptions=1")
                .contains("LEAK: ByteBuf.release() was not called before it's garbage-collected")
                .contains("Hint: 'RestHandler#0' will handle the message from this point.")
                // PARANOID says nothing of a double release; Netty itself throws from the second one
                .contains("rest: io.netty.util.IllegalReferenceCountException: refCnt: 0, decrement: 1");
    }

    @ParameterizedTest
    @EnumSource(names = {"NETTY_4_1", "NETTY_4_2"})
    void reftraceInstrumentsTheServerWithoutFailures(Jars jars) throws Exception {
        Dump dump = reftrace(jars, "--connections", "both", "hello=200");
        assertThat(dump.meta().profile()).isEqualTo("netty");
        assertThat(dump.health().instrumentedClasses()).isPositive();
    }


    @ParameterizedTest
    @EnumSource(names = {"NETTY_4_1", "NETTY_4_2"})
    void reftraceReportsNothingOnCorrectRequestsAtNettysDefaultLevel(Jars jars) throws Exception {
        Dump dump = reftrace(jars, "--connections", "both", "hello=3000");
        assertThat(dump.summary().problems()).as(Census.describe(dump)).isZero();
        assertThat(dump.summary().lingeringHolders()).as(Census.describe(dump)).isZero();
        assertThat(dump.health().problemsDropped()).as(Census.describe(dump)).isZero();
    }


    @ParameterizedTest
    @EnumSource(names = {"NETTY_4_1", "NETTY_4_2"})
    void reftraceNamesTheLeakyHandlerFirstAsOwnerAndSite(Jars jars) throws Exception {
        Dump dump = reftrace(jars, "--connections", "both", "hello=1000", "admin=20", "hello=1000");
        String why = Census.describe(dump);
        assertThat(dump.problems()).as(why).isNotEmpty().allSatisfy(p -> assertThat(LEAKS).contains(p.type()));
        Problem first = dump.problems().get(0);
        assertThat(first.site()).as(why).startsWith("org.reftrace.samples.netty.http.RestHandler.channelRead(RestHandler.java:");
        assertThat(first.message()).as(why).contains("by RestHandler@");
        // the 20 leaked requests, all at the handler (one group; held-at-exit and leak-found-by-gc may split it),
        // and nothing blamed on Netty's own aggregator or derived buffers
        Map<String, Long> groups = Census.groups(dump);
        assertThat(groups.keySet()).as(why).allSatisfy(key -> assertThat(key)
                .contains(" org.reftrace.samples.netty.http.RestHandler.channelRead(RestHandler.java:"));
        assertThat(groups.values().stream().mapToLong(Long::longValue).sum()).as(why).isEqualTo(20);
        assertThat(dump.problems()).as(why).noneSatisfy(p -> assertThat(p.site() + p.message())
                .containsAnyOf("MessageAggregator", "AbstractPooledDerivedByteBuf"));
    }


    @ParameterizedTest
    @EnumSource(names = {"NETTY_4_1", "NETTY_4_2"})
    void reftraceReportsTheDoubleReleaseAfterManyOrdinaryRequests(Jars jars) throws Exception {
        int ordinary = Integer.getInteger("reftrace.longRequests", 100_000);
        Dump dump = reftrace(jars, "hello=" + ordinary, "upload=1");
        String why = Census.describe(dump);
        int second = Census.line(HANDLER, "this is the second release");
        // one group, at the second release (a release after the count reached 0: use-after-free, or double-free)
        Map<String, Long> groups = Census.groups(dump);
        assertThat(groups).as(why).hasSize(1).containsValue(1L);
        assertThat(groups.keySet().iterator().next()).as(why).matches("(use-after-free|double-free) "
                + "org\\.reftrace\\.samples\\.netty\\.http\\.RestHandler\\.upload\\(RestHandler\\.java:" + second + "\\)");
        assertThat(dump.health().problemsDropped()).as(why).isZero();
    }


    @ParameterizedTest
    @EnumSource(names = {"NETTY_4_1", "NETTY_4_2"})
    void reftraceReportsALeakedRetainedSliceAsOneGroupAtTheLineThatTookIt(Jars jars) throws Exception {
        Dump dump = reftrace(jars, "hello=100", "preview=3");
        String why = Census.describe(dump);
        int took = Census.line(HANDLER, "content.retainedSlice(");
        // the three slices at the line that took them, and nothing else: the bodies they pin are no groups of their own
        Map<String, Long> groups = Census.groups(dump);
        assertThat(groups.keySet()).as(why).isNotEmpty().allSatisfy(key -> assertThat(key)
                .endsWith(" org.reftrace.samples.netty.http.RestHandler.preview(RestHandler.java:" + took + ")"));
        assertThat(groups.values().stream().mapToLong(Long::longValue).sum()).as(why).isEqualTo(3);
        assertThat(dump.problems()).as(why).allSatisfy(p -> assertThat(LEAKS).contains(p.type()));
    }
}
