package org.reftrace.samples.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs a main class of this module in a JVM of its own, on a chosen Netty release's jars, and returns what it printed. */
final class ForkedJvm {
    /** The Netty jars a forked JVM runs on: each line's release, and the example programs' release. */
    enum Jars {
        NETTY_4_1("reftrace.netty41"),
        NETTY_4_2("reftrace.netty42"),
        NETTY_EXAMPLE("reftrace.nettyExample");

        private final String property;

        Jars(String property) {
            this.property = property;
        }

        /** This module's classes, then every jar in the folder the build copied this release into. */
        String classpath() throws IOException {
            Path dir = Path.of(System.getProperty(property));
            try (Stream<Path> jars = Files.list(dir)) {
                List<String> entries = new ArrayList<>(List.of(System.getProperty("reftrace.classes")));
                entries.addAll(jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString)
                        .collect(Collectors.toList()));
                assertThat(entries).as("jars in " + dir).hasSizeGreaterThan(3);
                return String.join(File.pathSeparator, entries);
            }
        }
    }

    private ForkedJvm() {}

    /** The agent option {@code -javaagent:...=profile=netty,dump=DUMP}. */
    static String agent(Path dump) {
        return "-javaagent:" + Path.of(System.getProperty("reftrace.agentJar")).toAbsolutePath() + "=profile=netty,dump="
                + dump;
    }

    /**
     * Runs {@code mainClass} with {@code args} and asserts it exits 0 within {@code minutes}.
     *
     * @return stdout and stderr together
     */
    static String run(Path dir, Jars jars, List<String> flags, String mainClass, int minutes, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off"));
        command.addAll(flags);
        command.addAll(List.of("-cp", jars.classpath(), mainClass));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "run", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = p.waitFor(minutes, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(ended).as("ended within %d min: %s\n%s", minutes, command, tail(printed)).isTrue();
        assertThat(p.exitValue()).as("exit code of %s\n%s", command, tail(printed)).isZero();
        return printed;
    }

    /** The last 4 000 characters, for assertion messages. */
    static String tail(String printed) {
        return printed.length() <= 4000 ? printed : "..." + printed.substring(printed.length() - 4000);
    }
}
