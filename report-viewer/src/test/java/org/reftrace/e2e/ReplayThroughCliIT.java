package org.reftrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The QinQ reproducer (shared/kernel-logs/B1.sh) and the commit message of its fix, replayed through the CLI under
 * the agent, both ways.
 */
class ReplayThroughCliIT {
    @TempDir
    Path dir;

    private Dump replay(Path out, int expectedExit, String... quirks) throws Exception {
        return replay("/kernel-logs/B1.sh", out, expectedExit, quirks);
    }

    private Dump replay(String resource, Path out, int expectedExit, String... quirks) throws Exception {
        Path script = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (!Files.exists(script)) {
            try (var in = getClass().getResourceAsStream(resource)) {
                Files.copy(in, script);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dreftrace.home=" + ReportInBrowserIT.HOME.toAbsolutePath(), "-jar",
                ReportInBrowserIT.CLI.toAbsolutePath().toString(), "replay", script.toString(), "--out", out.toString()));
        for (String q : quirks) {
            command.addAll(List.of("--quirk", q));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(dir.resolve("out.txt"));
        assertThat(p.exitValue()).as(printed).isEqualTo(expectedExit);
        assertThat(out.resolve("report.html")).exists();
        return DumpReader.read(out.resolve("dump.json"));
    }

    @Test
    void b1HangsInTheWaitAndTheHolderIsTracedToTheScriptLineThatTookIt() throws Exception {
        Dump dump = replay(dir.resolve("buggy"), 1, "in-order-completion", "vlan-put-in-destructor"); // a hung wait
        Problem first = dump.problems().get(0);
        assertThat(first.type()).isEqualTo("lingering-holders");
        assertThat(first.object()).isEqualTo("dummy0.1");
        assertThat(first.message()).contains("by dummy0.1.2 (NetDevice)")
                .contains("on thread line 11 (command 3): ip link add link dummy0.1 name dummy0.1.2 type vlan id 2");
        assertThat(dump.waits()).anySatisfy(w -> {
            assertThat(w.object()).isEqualTo("dummy0.1");
            assertThat(w.outcome()).isEqualTo("gave-up");
        });
        assertThat(Files.readString(dir.resolve("buggy/report.html"))).contains("taken during");
    }

    /** d6ff94afd90b's commit message, verbatim: its root prompts are the script, its line numbers the text's. */
    @Test
    void theCommitMessageOfTheFixHangsTheSameWayAndNamesItsLine() throws Exception {
        Dump dump = replay("/replay/d6ff94afd90b.txt", dir.resolve("message"), 1, "in-order-completion",
                "vlan-put-in-destructor");
        Problem first = dump.problems().get(0);
        assertThat(first.object()).isEqualTo("dummy0.1");
        assertThat(first.message()).contains("by dummy0.1.2 (NetDevice)")
                .contains("on thread line 8 (command 3): ip link add link dummy0.1 name dummy0.1.2 type vlan id 2");
        Dump fixed = replay("/replay/d6ff94afd90b.txt", dir.resolve("message-fixed"), 0);
        assertThat(fixed.problems()).isEmpty();
    }

    @Test
    void b1RunsCleanWithoutThePreFixBehaviours() throws Exception {
        Dump dump = replay(dir.resolve("fixed"), 0);
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.waits()).allSatisfy(w -> assertThat(w.outcome()).isEqualTo("completed"));
    }
}
