package org.reftrace.samples.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reftrace.analysis.Verdict;
import org.reftrace.dump.Dump;
import org.reftrace.dump.SiteStats;

/**
 * {@link RefreshStorm} under the agent: four threads acquire and release searchers while readers are swapped a
 * thousand times, on the real Lucene 9.12.3. Balanced, so nothing may be reported.
 */
class RefreshStormIT {
    @TempDir
    Path dir;

    static List<String> javas() {
        return LuceneRun.javas();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("javas")
    void searchesRacingRefreshesReportNothing(String java) throws Exception {
        LuceneRun run = LuceneRun.of(java, true, dir, RefreshStorm.class.getName(), List.of());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("swaps " + RefreshStorm.SWAPS);
        Dump read = run.dump();
        assertThat(read.problems()).isEmpty();
        assertThat(Verdict.of(read).leaks()).isFalse();
        assertThat(read.pairings().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(read.sites().stream().mapToLong(SiteStats::taken).sum());
    }
}
