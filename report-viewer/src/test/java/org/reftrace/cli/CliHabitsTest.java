package org.reftrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reftrace.dump.DumpWriter;
import org.reftrace.report.Dumps;
import picocli.CommandLine;

/** Issue 17's habits, run in process: suggestions, output-path placeholders, exit codes 2 and 3, escaping. */
class CliHabitsTest {
    private static final String NL = System.lineSeparator();
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
        return run(ReftraceCommand.commandLine(new Installation(dir)), args);
    }

    private int run(CommandLine cli, String... args) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aMistypedCommandGetsTheNearestOne() {
        assertThat(run("reprot", "x.json")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: unknown command 'reprot'" + NL
                + "Did you mean: reftrace report?" + NL + "Try 'reftrace --help' for more." + NL);
        err.getBuffer().setLength(0);
        assertThat(run("stauts", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean: reftrace status?");
    }

    @Test
    void aMistypedOptionGetsPicocliSuggestion() {
        assertThat(run("report", dump.toString(), "--outptu", "x.html")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: Unknown option: '--outptu'" + NL
                + "Possible solutions: --output" + NL + "Try 'reftrace report --help' for more." + NL);
    }

    @Test
    void aMistypedScenarioGetsTheNearestName() {
        assertThat(run("run", "stale-rout-cache", "-o", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: unknown scenario 'stale-rout-cache' (did you mean "
                + "stale-route-cache? expected one of: register-veto-double-free, ");
        err.getBuffer().setLength(0);
        assertThat(run("run", "shared-traker")).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: unknown scenario 'shared-traker' (did you mean shared-tracker? ");
    }

    @Test
    void reportOfAKernelLogPointsAtKernelLog() throws Exception {
        Path log = dir.resolve("A6.txt");
        try (var in = getClass().getResourceAsStream("/kernel-logs/A6.txt")) {
            Files.copy(in, log);
        }
        assertThat(run("report", log.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: " + log + " is a kernel log, not an agent dump (render it with: "
                + "reftrace kernel-log " + log + ")" + NL);
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void outputPathsExpandPidAndTimestamp() {
        long pid = ProcessHandle.current().pid();
        assertThat(run("report", dump.toString(), "-o", dir.resolve("r-%p.html").toString())).isZero();
        assertThat(dir.resolve("r-" + pid + ".html")).isRegularFile();
        assertThat(run("report", dump.toString(), "-o", dir.resolve("r-%t.html").toString())).isZero();
        assertThat(err.toString()).containsPattern("report written to .*r-\\d{8}-\\d{6}\\.html");
    }

    @Test
    void anUnknownPlaceholderIsBadUsageAndWritesNothing() throws Exception {
        assertThat(run("report", dump.toString(), "-o", dir.resolve("r-%q.html").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: option -o '" + dir.resolve("r-%q.html") + "' has an unknown "
                + "placeholder '%q' (expected: %p for the pid, %t for a timestamp, %% for a percent sign)" + NL);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dump);
        }
    }

    @Test
    void jvmsAreNamedByPidMainClassOrJarAndAMissOneListsThem() {
        assertThat(run("status", "NoSuchMainClass")).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: no JVM here runs 'NoSuchMainClass' (expected a pid, a main "
                + "class or a jar name; JVMs: ");
        for (String command : new String[] {"attach", "dump"}) {
            err.getBuffer().setLength(0);
            assertThat(run(command, "NoSuchMainClass")).as(command).isEqualTo(2);
            assertThat(err.toString()).as(command).startsWith("reftrace: no JVM here runs 'NoSuchMainClass'");
        }
        err.getBuffer().setLength(0);
        assertThat(run("status", "999999999")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: there is no process 999999999 (see 'reftrace list' for the "
                + "JVMs here)" + NL);
    }

    @Test
    void attachRejectsANegativeDuration() {
        assertThat(run("attach", "1", "-d", "-5")).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: Invalid value for option '-d': '-5.0' (expected: seconds from 0 "
                + "to 604800)");
    }

    @Test
    void oldOptionSpellingsStillParse() {
        assertThat(run("run", "nope", "--out", dir.resolve("o").toString())).isEqualTo(2);
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("-o, --output=DIR").contains("--agent-options=OPTIONS").doesNotContain("--out=");
        out.getBuffer().setLength(0);
        assertThat(run("attach", "--help")).isZero();
        assertThat(out.toString()).contains("--agent-options=OPTIONS").contains("-d, --duration=SECONDS")
                .contains("-o, --output=FILE").doesNotContain("--options=");
        err.getBuffer().setLength(0);
        assertThat(run("attach", "NoSuchMainClass", "--options", "stacks=all")).isEqualTo(2);
        assertThat(err.toString()).startsWith("reftrace: no JVM here runs 'NoSuchMainClass'");
    }

    @Test
    void oldSpellingsSetWhatTheNewOnesSet() {
        DemoCommand demo = new DemoCommand(new Installation(dir));
        new CommandLine(demo).parseArgs("--out", "old-dir");
        assertThat(demo.out).isEqualTo(Path.of("old-dir"));
        RunCommand run = new RunCommand(new Installation(dir));
        new CommandLine(run).parseArgs("scenario", "--out", "old-dir");
        assertThat(run.out).isEqualTo(Path.of("old-dir"));
        AttachCommand attach = new AttachCommand(new Installation(dir));
        new CommandLine(attach).parseArgs("1", "--options", "stacks=all");
        assertThat(attach.options).isEqualTo("stacks=all");
        attach = new AttachCommand(new Installation(dir));
        new CommandLine(attach).parseArgs("1", "--agent-options", "stacks=0");
        assertThat(attach.options).isEqualTo("stacks=0");
    }

    @Test
    void controlCharactersFromTheDumpAreEscapedOnTheTerminal() throws Exception {
        Path before = dir.resolve("before.json");
        Path after = dir.resolve("after.json");
        DumpWriter.write(Dumps.hung("eth\u001b[2J0", 1, "app.Cache.put(Cache.java:9)\u0000"), before);
        DumpWriter.write(Dumps.hung("eth\u001b[2J0", 3, "app.Cache.put(Cache.java:9)\u0000"), after);
        assertThat(run("diff", before.toString(), after.toString())).isZero();
        assertThat(out.toString()).isEqualTo("grown eth\\e[2J0 app.Cache.put(Cache.java:9)\\0 1 -> 3" + NL);
        assertThat(Terminal.escape("a\rb\tc\u007fd\u009be")).isEqualTo("a\\rb\\tc\\x7fd\\u009be");
    }

    /** A command that fails the way a bug would. */
    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        Exception thrown;

        @Override
        public Integer call() throws Exception {
            throw thrown;
        }
    }

    @Test
    void anInternalErrorIsOneLineNamingTheLogWithTheTraceAndExitsThree() throws Exception {
        Boom boom = new Boom();
        boom.thrown = new IllegalStateException("a bug");
        CommandLine cli = new CommandLine(boom);
        cli.setExecutionExceptionHandler(new InternalErrors());
        assertThat(run(cli)).isEqualTo(3);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("reftrace: internal error in 'boom': java.lang.IllegalStateException: a bug (the trace is in ")
                .endsWith("; please report it)");
        Path log = Path.of(err.toString().replaceAll("(?s).*the trace is in (.*?); please.*", "$1"));
        try {
            assertThat(Files.readString(log)).contains("IllegalStateException: a bug").contains("at org.reftrace.cli");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void aFileTheSystemRefusesIsBadInputNotABug() {
        Boom boom = new Boom();
        boom.thrown = new AccessDeniedException("/root/secret.json");
        CommandLine cli = new CommandLine(boom);
        cli.setExecutionExceptionHandler(new InternalErrors());
        assertThat(run(cli)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("reftrace: /root/secret.json: permission denied" + NL);
    }
}
