package org.reftrace.samples.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;

/**
 * One run of a program of this module ({@link LuceneSearches}, {@link RefreshStorm}) in a JVM of its own, under the agent's built-in {@code lucene} profile or
 * without the agent, with a time bound: what it printed, how it ended, and its dump.
 *
 * @param exitCode its exit code
 * @param stdout   what it printed on standard output (the program's summary line)
 * @param stderr   what it printed on standard error (the agent's exit verdict, Lucene's JDK notices)
 * @param dump     the agent's dump, or {@code null} when run without the agent
 */
record LuceneRun(int exitCode, String stdout, String stderr, Dump dump) {
    static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    /** The JDKs to test on: the one running the tests, and Temurin 25 where installed. */
    static List<String> javas() {
        List<String> javas = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Files.isExecutable(Path.of(TEMURIN_25))) {
            javas.add(TEMURIN_25);
        }
        return javas;
    }

    /**
     * Runs {@link LuceneSearches} with {@code java}; under the agent when {@code underAgent}, writing its dump into
     * {@code dir}.
     */
    static LuceneRun of(String java, boolean underAgent, Path dir, List<String> args) throws Exception {
        return of(java, underAgent, dir, LuceneSearches.class.getName(), args);
    }

    /** Runs {@code mainClass} of this module with {@code java}, as {@link #of(String, boolean, Path, List)}. */
    static LuceneRun of(String java, boolean underAgent, Path dir, String mainClass, List<String> args)
            throws Exception {
        Files.createDirectories(dir);
        Path dump = dir.resolve("dump.json");
        String classpath = System.getProperty("reftrace.classes") + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("reftrace.classpathFile"))).strip();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:off"));
        if (underAgent) {
            String agent = Path.of(System.getProperty("reftrace.agentJar")).toAbsolutePath().toString();
            command.add("-javaagent:" + agent + "=profile=lucene,dump=" + dump);
        }
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(mainClass + " " + args + " did not finish in 4 minutes on " + java);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Dump read = null;
        if (underAgent) {
            assertThat(dump).as("the dump, after: " + stderr).exists();
            read = DumpReader.read(dump);
        }
        return new LuceneRun(p.exitValue(), stdout, stderr, read);
    }

    /**
     * The line of {@code SearchService.java} that calls {@code manager.acquire()}, as a stack frame names it: the
     * site the leak must be reported at.
     */
    static String acquireSite() throws IOException {
        Path source = Path.of("src/main/java/org/reftrace/samples/lucene/SearchService.java");
        List<String> lines = Files.readAllLines(source);
        int line = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("manager.acquire()")) {
                assertThat(line).as("one manager.acquire() in " + source).isEqualTo(-1);
                line = i + 1;
            }
        }
        assertThat(line).as("manager.acquire() in " + source).isPositive();
        return SearchService.class.getName() + ".hits(SearchService.java:" + line + ")";
    }
}
