package org.reftrace.samples.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
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
import org.reftrace.dump.Problem;

/**
 * The same leaky Netty program, once under Netty's own PARANOID detector and once under reftrace's netty profile:
 * both must see the leak, and reftrace must name the handler that never released it (owner and call site).
 */
class NettyLeakIT {
    @TempDir
    Path dir;

    private String run(List<String> flags) throws Exception {
        String classpath = System.getProperty("reftrace.classes") + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("reftrace.classpathFile"))).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off"));
        command.addAll(flags);
        command.addAll(List.of("-cp", classpath, LeakyPipeline.class.getName()));
        Path out = Files.createTempFile(dir, "run", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("frames: 10, consumed: 6, rejected (leaked): 4");
        return printed;
    }

    @Test
    void nettyParanoidSeesTheLeak() throws Exception {
        String printed = run(List.of("-Dio.netty.leakDetection.level=PARANOID"));
        assertThat(printed).contains("LEAK: ByteBuf.release() was not called before it's garbage-collected");
    }

    @Test
    void reftraceNamesTheHandlerThatNeverReleasedIt() throws Exception {
        Path dump = dir.resolve("dump.json");
        String agent = Path.of(System.getProperty("reftrace.agentJar")).toAbsolutePath().toString();
        String printed = run(List.of("-Dio.netty.leakDetection.level=disabled",
                "-javaagent:" + agent + "=profile=netty,dump=" + dump));
        Dump read = DumpReader.read(dump);
        assertThat(read.health().adviceFailures()).isZero();
        assertThat(read.health().failedToInstrument()).isEmpty();
        List<Problem> leaks = read.problems().stream()
                .filter(p -> p.type().equals("leak-found-by-gc") || p.type().equals("held-at-exit")).toList();
        assertThat(leaks).hasSize(4).allSatisfy(p -> {
            assertThat(p.site()).startsWith("org.reftrace.samples.netty.LeakyPipeline$AuditHandler.channelRead(LeakyPipeline.java:");
            assertThat(p.message()).contains("by LeakyPipeline$AuditHandler@");
        });
        assertThat(read.problems()).extracting(Problem::type).doesNotContain("put-without-hold", "refcount-underflow");
        assertThat(printed).contains("reftrace: 4 objects still held");

        Path page = dir.resolve("report.html");
        Process report = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("reftrace.cliJar")).toAbsolutePath().toString(), "report", dump.toString(),
                "-o", page.toString()).redirectErrorStream(true).start();
        assertThat(report.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(report.exitValue()).isZero();
        assertThat(Files.readString(page)).contains("LeakyPipeline$AuditHandler.channelRead(LeakyPipeline.java:")
                .contains("LeakyPipeline$AuditHandler@");
    }
}
