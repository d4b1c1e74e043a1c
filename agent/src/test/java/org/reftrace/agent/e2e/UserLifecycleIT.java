package org.reftrace.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reftrace.analysis.Finding;
import org.reftrace.analysis.Verdict;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;

/** A lifecycle declared in a profile file (a pool that waits for its leases at close), end to end. */
class UserLifecycleIT {
    @TempDir
    Path dir;

    @Test
    void thePoolsWaitNamesTheLeakedLeaseFirst() throws Exception {
        Path dump = dir.resolve("dump.json");
        Path profile = Path.of("src/test/resources/pool.profile").toAbsolutePath();
        ForkedJvm.Result result = ForkedJvm.run(ForkedJvm.javas().get(0), "profile=" + profile + ",dump=" + dump,
                "org.reftrace.testfixture.pool.PoolUser", List.of(), dir);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("closed with 1 connection(s) out");
        // under the pool's own warning, the agent names the holder
        assertThat(result.stderr()).contains("pool db: waiting for 1 connection(s) to come back")
                .contains("reftrace: db (connection pool, waiting, usage count 1) is held by 1 recorded reference")
                .contains("taken at org.reftrace.testfixture.pool.PoolUser.handle(PoolUser.java:");
        Dump read = DumpReader.read(dump);
        assertThat(read.waits()).singleElement().satisfies(w -> assertThat(w.warnings()).isPositive());
        Finding top = Verdict.of(read).top();
        assertThat(top.site()).startsWith("org.reftrace.testfixture.pool.PoolUser.handle(PoolUser.java:");
        assertThat(((Finding.Holders) top).suspect().why()).contains("its call site put back 999 of 1000");
    }
}
