package org.reftrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reftrace.dump.DumpWriter;
import org.reftrace.report.Dumps;
import picocli.CommandLine;

/** The CLI's exact output and exit codes, run in process. */
class CliTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path dump;

    @BeforeEach
    void writeADump() throws Exception {
        dump = dir.resolve("dump.json");
        DumpWriter.write(Dumps.hung("eth0", 2, "app.Cache.put(Cache.java:9)"), dump);
    }

    private int run(String... args) {
        CommandLine cli = ReftraceCommand.commandLine(new Installation(dir));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void reportWritesThePageAndSaysWhere() {
        assertThat(run("report", dump.toString())).isZero();
        Path page = dir.resolve("report.html");
        assertThat(page).exists();
        assertThat(err.toString()).isEqualTo("reftrace: report written to " + page + System.lineSeparator());
    }

    @Test
    void failOnLeakExitsOneWhenSomethingIsHeld() {
        assertThat(run("report", dump.toString(), "-o", dir.resolve("r.html").toString(), "--fail-on-leak")).isEqualTo(1);
    }

    @Test
    void brokenDumpsGetOneLineSayingWhatAndWhereAndNoPage() throws Exception {
        String text = Files.readString(dump);
        Files.writeString(dir.resolve("truncated.json"), text.substring(0, text.length() / 2));
        Files.writeString(dir.resolve("empty.json"), "");
        Files.writeString(dir.resolve("notjson.json"), "this is not json");
        Files.writeString(dir.resolve("future.json"), "{\"format\":\"reftrace-dump\",\"version\":7}");
        for (String name : new String[] {"truncated.json", "empty.json", "notjson.json", "future.json", "missing.json"}) {
            err.getBuffer().setLength(0);
            Path out = dir.resolve(name + ".html");
            assertThat(run("report", dir.resolve(name).toString(), "-o", out.toString())).as(name).isEqualTo(2);
            assertThat(err.toString().lines()).as(name).singleElement().asString()
                    .startsWith("reftrace: cannot read dump " + dir.resolve(name));
            assertThat(out).as(name).doesNotExist();
        }
        err.getBuffer().setLength(0);
        run("report", dir.resolve("truncated.json").toString());
        assertThat(err.toString()).containsPattern("truncated\\.json:\\d+:\\d+: the file ends in the middle");
        err.getBuffer().setLength(0);
        run("report", dir.resolve("future.json").toString());
        assertThat(err.toString()).contains("future.json:1:").contains("upgrade reftrace");
    }

    @Test
    void unwritableOutputFolderIsAUsageError() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertThat(run("report", dump.toString(), "-o", file.resolve("sub/report.html").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: cannot create output folder").contains("choose another with -o");
    }

    @Test
    void diffListsChangesAndFailsOnNewLeaksWhenAsked() throws Exception {
        Path after = dir.resolve("after.json");
        DumpWriter.write(Dumps.hung("eth0", 5, "app.Cache.put(Cache.java:9)"), after);
        assertThat(run("diff", dump.toString(), after.toString(), "--fail-on-leak")).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("grown eth0 app.Cache.put(Cache.java:9) 2 -> 5" + System.lineSeparator());
        assertThat(dir.resolve("diff.html")).exists();
    }

    @Test
    void missingPidsAndBadUsageExitTwo() {
        assertThat(run("dump", "999999999")).isEqualTo(2);
        assertThat(err.toString()).contains("reftrace: there is no process 999999999 (see 'reftrace list'");
        err.getBuffer().setLength(0);
        assertThat(run("attach", "notapid")).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: no JVM here runs 'notapid' (expected a pid, a main class or a jar name");
        err.getBuffer().setLength(0);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: unknown command 'frobnicate'");
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void runRejectsUnknownScenariosListingTheValidOnes() {
        assertThat(run("run", "nope")).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: unknown scenario 'nope' (expected one of: register-veto-double-free,");
        err.getBuffer().setLength(0);
        assertThat(run("run", "qinq-hang", "--variant", "sideways")).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: unknown variant 'sideways' (expected: buggy or fixed)");
    }

    @Test
    void scenariosListsTheGallery() {
        assertThat(run("scenarios")).isZero();
        assertThat(out.toString().lines().findFirst().orElseThrow()).startsWith("NAME").contains("COMMITS")
                .contains("BUGGY VARIANT ENDS IN");
        assertThat(out.toString()).contains("qinq-hang").contains("d6ff94afd90b faab39f63c1f").contains("hang");
    }

    private Path log(String name) throws Exception {
        Path file = dir.resolve(name);
        try (var in = getClass().getResourceAsStream("/kernel-logs/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void kernelLogRendersTheSamePage() throws Exception {
        Path a6 = log("A6.txt");
        assertThat(run("kernel-log", a6.toString(), "--fail-on-leak")).isEqualTo(1);
        Path page = dir.resolve("kernel-log.html");
        assertThat(err.toString()).isEqualTo("reftrace: report written to " + page + System.lineSeparator());
        assertThat(Files.readString(page)).contains("veth_A-R1").contains("dst_init+0x84/0x4a0");
    }

    @Test
    void kernelLogsWithoutLeaksSaySoAndEmptyOnesAreErrors() throws Exception {
        Path quiet = dir.resolve("quiet.txt");
        Files.writeString(quiet, "[    1.000000] eth0: link up\n[    2.000000] eth0: link down\n");
        assertThat(run("kernel-log", quiet.toString())).isZero();
        assertThat(err.toString()).isEqualTo("reftrace: " + quiet + " has no leak report (no \"waiting for ... to "
                + "become free\", no ref_tracker report)" + System.lineSeparator());
        assertThat(dir.resolve("kernel-log.html")).doesNotExist();
        err.getBuffer().setLength(0);
        Path garbage = dir.resolve("garbage.txt");
        Files.write(garbage, new byte[] {0, 1, 2, 'x', '\n'});
        assertThat(run("kernel-log", garbage.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: cannot read kernel log " + garbage + ": it holds binary data "
                + "(NUL bytes), not text" + System.lineSeparator());
        err.getBuffer().setLength(0);
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "");
        assertThat(run("kernel-log", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: cannot read kernel log " + empty + ": is empty"
                + System.lineSeparator());
    }

    @Test
    void diffWorksOnTwoKernelLogs() throws Exception {
        assertThat(run("diff", log("A8.txt").toString(), log("A6.txt").toString())).isZero();
        assertThat(out.toString()).contains("new veth_A-R1 dst_init+0x84/0x4a0 0 -> 1")
                .contains("gone veth0 ipv6_add_dev+0x324/0xec0 1 -> 0");
    }

    @Test
    void replayRejectsUnsupportedLinesAndQuirksBeforeRunningAnything() throws Exception {
        Path script = dir.resolve("repro.sh");
        Files.writeString(script, "ip link add dummy0 type dummy\nip link add vx0 type vxlan id 42\n");
        assertThat(run("replay", script.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "reftrace: " + script + ":2: 'vxlan' is not supported (link type 'vxlan' is not in the model (it has: "
                        + "bond, bridge, dummy, macvlan, sit, veth, vlan))",
                "reftrace: nothing was run (use --keep-going to skip unsupported lines)");
        err.getBuffer().setLength(0);
        assertThat(run("replay", script.toString(), "--quirk", "faster")).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: unknown quirk 'faster' (expected one of: legacy-destructor,");
        err.getBuffer().setLength(0);
        assertThat(run("replay", dir.resolve("nope.sh").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: cannot read script " + dir.resolve("nope.sh")
                + ": no such file" + System.lineSeparator());
    }

    @Test
    void everyCommandExplainsItselfInHelp() {
        for (String command : new String[] {"report", "diff", "kernel-log", "attach", "dump", "status", "list", "scenarios", "run",
                "demo", "replay"}) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).as(command).startsWith("Usage: reftrace " + command);
        }
        out.getBuffer().setLength(0);
        run("--help");
        assertThat(out.toString()).contains("Exit codes:").contains("2   bad usage or bad input");
    }
}
