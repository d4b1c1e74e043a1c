package org.reftrace.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump path: async-profiler's placeholders in {@code dump=}, and the check at start. */
class DumpPathTest {
    @TempDir
    Path dir;

    @Test
    void dumpOptionExpandsPidAndStartTime() {
        var at = LocalDateTime.of(2026, 11, 29, 15, 46, 16).atZone(ZoneId.systemDefault()).toInstant();
        AgentOptions.Result parsed = AgentOptions.parse("dump=/tmp/d-%p-%t.json", 4242, at);
        assertThat(parsed.config().dumpFile()).isEqualTo(Path.of("/tmp/d-4242-20261129-154616.json"));
    }

    @Test
    void anUnknownPlaceholderIsOneLineNamingIt() {
        assertThat(AgentOptions.parse("dump=d-%x.json", 1).errors()).containsExactly("reftrace: agent option "
                + "'dump=d-%x.json' is invalid: 'd-%x.json' has an unknown placeholder '%x' (expected: %p for the pid, "
                + "%t for a timestamp, %% for a percent sign)");
    }

    @Test
    void aWritableFolderPassesAndIsCreatedLeavingNoFile() throws Exception {
        Path file = dir.resolve("new/sub/dump.json");
        assertThat(DumpPath.problem(file)).isNull();
        assertThat(file.getParent()).isDirectory();
        try (var left = Files.list(file.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void unwritablePlacesSayWhy() throws Exception {
        assertThat(DumpPath.problem(dir)).isEqualTo(dir + " is a folder (expected: a file path)");
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(DumpPath.problem(aFile.resolve("dump.json")))
                .startsWith("cannot create the folder " + aFile + " (");
        assertThat(DumpPath.problem(Path.of("/proc/reftrace-dump.json")))
                .isEqualTo("cannot write in the folder /proc (it takes no new files)");
    }
}
