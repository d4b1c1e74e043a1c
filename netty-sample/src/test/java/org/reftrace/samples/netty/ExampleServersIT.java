package org.reftrace.samples.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;
import org.reftrace.samples.netty.ForkedJvm.Jars;
import org.reftrace.samples.netty.field.ExampleRun;

/**
 * The field harness: Netty's own example servers ({@code io.netty:netty-example:4.1.118.Final}, from Maven
 * Central: {@code HttpHelloWorldServer}, {@code HttpSnoopServer}, {@code EchoServer}), code nobody here wrote and
 * that has no leak, each driven for several thousand requests from a client on 127.0.0.1, half on one keep-alive
 * connection and half on new connections. Netty's PARANOID detector reports nothing on them; neither may reftrace,
 * at Netty's default detector level. {@code -Dreftrace.fieldRequests=N} changes the count (default 3 000).
 */
class ExampleServersIT {
    private static final String MAIN = ExampleRun.class.getName();

    @TempDir
    Path dir;

    private static String requests() {
        return Integer.toString(Integer.getInteger("reftrace.fieldRequests", 3000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "snoop", "echo"})
    void paranoidReportsNoLeak(String example) throws Exception {
        String printed = ForkedJvm.run(dir, Jars.NETTY_EXAMPLE, List.of("-Dio.netty.leakDetection.level=PARANOID"),
                MAIN, 5, example, requests());
        assertThat(printed).contains("client: keep-alive ").contains("done").doesNotContain("LEAK:")
                .doesNotContain("Exception");
    }


    @ParameterizedTest
    @ValueSource(strings = {"hello", "snoop", "echo"})
    void reftraceReportsNoProblemAndNothingHeldAtNettysDefaultLevel(String example) throws Exception {
        Path dump = dir.resolve("dump.json");
        String printed = ForkedJvm.run(dir, Jars.NETTY_EXAMPLE, List.of(ForkedJvm.agent(dump)), MAIN, 5, example,
                requests());
        assertThat(printed).contains("done");
        Dump read = DumpReader.read(dump);
        String why = Census.describe(read);
        assertThat(read.health().adviceFailures()).as(why).isZero();
        assertThat(read.health().failedToInstrument()).as(why).isEmpty();
        assertThat(read.summary().problems()).as(why).isZero();
        assertThat(read.summary().lingeringHolders()).as(why).isZero();
        assertThat(read.health().problemsDropped()).as(why).isZero();
    }
}
