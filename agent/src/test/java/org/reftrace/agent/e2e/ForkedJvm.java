package org.reftrace.agent.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a real JVM (optionally under the agent), with a time bound, and collects what it printed. */
final class ForkedJvm {
    static final Path AGENT_JAR = Path.of(System.getProperty("reftrace.agentJar", "target/reftrace-agent.jar"));
    static final Path SAMPLE_DRIVERS = Path.of(System.getProperty("reftrace.sampleDriversJar",
            "../sample-drivers/target/sample-drivers.jar"));
    static final Path TEST_CLASSES = Path.of("target/test-classes");
    static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    /** What a run printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {}

    private ForkedJvm() {}

    /** The JDKs to test on: the one running the tests, and Temurin 25 where installed. */
    static List<String> javas() {
        List<String> javas = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Files.isExecutable(Path.of(TEMURIN_25))) {
            javas.add(TEMURIN_25);
        }
        return javas;
    }

    static boolean isJdk25(String java) {
        return java.contains("25");
    }

    static Process start(String java, String agentOptions, List<String> jvmFlags, String mainClass, List<String> args,
            Path out, Path err) throws IOException {
        return start(java, agentOptions, jvmFlags, List.of(), mainClass, args, out, err);
    }

    /** @param classpathFirst entries put on the class path before the sample drivers and the test classes */
    static Process start(String java, String agentOptions, List<String> jvmFlags, List<Path> classpathFirst,
            String mainClass, List<String> args, Path out, Path err) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:off"));
        if (agentOptions != null) {
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=" + agentOptions);
        }
        command.addAll(jvmFlags);
        List<String> classpath = new ArrayList<>();
        classpathFirst.forEach(p -> classpath.add(p.toAbsolutePath().toString()));
        classpath.add(SAMPLE_DRIVERS.toAbsolutePath().toString());
        classpath.add(TEST_CLASSES.toAbsolutePath().toString());
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), mainClass));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    static Result run(String java, String agentOptions, String mainClass, List<String> args, Path dir)
            throws IOException, InterruptedException {
        return run(java, agentOptions, List.of(), mainClass, args, dir);
    }

    static Result run(String java, String agentOptions, List<Path> classpathFirst, String mainClass, List<String> args,
            Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = start(java, agentOptions, List.of(), classpathFirst, mainClass, args, out, err);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the forked JVM did not finish in 2 minutes: " + String.join(" ", args));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
