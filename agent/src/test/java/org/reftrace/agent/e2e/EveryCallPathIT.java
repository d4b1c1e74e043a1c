package org.reftrace.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reftrace.analysis.Finding;
import org.reftrace.analysis.Verdict;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;

/** Holds and puts however Java reaches them (method references, lambdas, reflection, method handles), once each. */
class EveryCallPathIT {
    @TempDir
    Path dir;

    static List<String> javas() {
        return ForkedJvm.javas();
    }

    private Dump run(String java, String mode) throws Exception {
        Path dump = dir.resolve("dump.json");
        ForkedJvm.Result result = ForkedJvm.run(java, "dump=" + dump, "org.reftrace.testfixture.EveryCallPath",
                List.of(mode), dir);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("done");
        Dump read = DumpReader.read(dump);
        assertThat(read.health().adviceFailures()).isZero();
        return read;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("javas")
    void aBalancedProgramReportsNothingHeldWhateverTheCallPath(String java) throws Exception {
        Dump dump = run(java, "balanced");
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.summary().lingeringHolders()).isZero();
        assertThat(dump.objects()).filteredOn(o -> o.kind().equals("netdev"))
                .allSatisfy(o -> assertThat(o.holders()).as(o.name()).isEmpty());
        // seven puts on d0, each paired once, and the kfree of its memory when it was released
        assertThat(dump.pairings().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("javas")
    void anUnbalancedMethodReferenceIsReportedAtItsSite(String java) throws Exception {
        Finding top = Verdict.of(run(java, "unbalanced")).top();
        assertThat(top).isInstanceOf(Finding.Holders.class);
        assertThat(top.site()).startsWith("org.reftrace.testfixture.EveryCallPath.main(EveryCallPath.java:");
        assertThat(((Finding.Holders) top).suspect().holders()).isEqualTo(1);
    }
}
