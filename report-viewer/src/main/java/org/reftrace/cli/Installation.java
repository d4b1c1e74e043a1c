package org.reftrace.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where reftrace's jars are. Two layouts: an unpacked distribution ({@code bin/reftrace}, {@code lib/*.jar}), and
 * a checkout built by Maven ({@code agent/target/reftrace-agent.jar} and so on), which the {@code ./reftrace}
 * launcher runs from. The home is {@code -Dreftrace.home} when the launcher sets it, else found from this jar's
 * own place.
 *
 * @param home the distribution's or the checkout's root folder
 */
record Installation(Path home) {
    /** The distribution's folder of jars, below its home. */
    static final String LIB = "lib";

    static Installation locate() {
        String property = System.getProperty("reftrace.home");
        if (property != null) {
            return new Installation(Path.of(property).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(ReftraceMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // lib/reftrace-cli.jar -> the distribution's home;
            // report-viewer/target/reftrace-cli.jar (or report-viewer/target/classes) -> the checkout's root
            Path dir = jar.getParent();
            return new Installation(dir.getFileName() != null && dir.getFileName().toString().equals(LIB)
                    ? dir.getParent() : dir.getParent().getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return new Installation(Path.of("").toAbsolutePath());
        }
    }

    /** Whether this is an unpacked distribution rather than a checkout. */
    boolean isDistribution() {
        return Files.isRegularFile(home.resolve(LIB).resolve("reftrace-agent.jar"));
    }

    /** The agent jar: {@code lib/reftrace-agent.jar}, or in a checkout its documented place. */
    Path agentJar() {
        return isDistribution() ? home.resolve(LIB).resolve("reftrace-agent.jar")
                : home.resolve("agent/target/reftrace-agent.jar");
    }

    /** The jar with the netdev core, drivers and scenarios. */
    Path sampleDriversJar() {
        return isDistribution() ? home.resolve(LIB).resolve("sample-drivers.jar")
                : home.resolve("sample-drivers/target/sample-drivers.jar");
    }

    /** How to get a missing jar, for error messages. */
    String rebuildHint() {
        return isDistribution() ? "unpack the distribution again" : "build it: mvn -DskipTests package in " + home;
    }

    /** The java executable this CLI runs on, so children run on the same JDK. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static boolean isFile(Path path) {
        return Files.isRegularFile(path);
    }
}
