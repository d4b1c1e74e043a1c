package org.reftrace.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where reftrace's jars are: the checkout the {@code ./reftrace} launcher runs from ({@code -Dreftrace.home}),
 * or else the one this jar was built in.
 *
 * @param home the project's root folder
 */
record Installation(Path home) {

    static Installation locate() {
        String property = System.getProperty("reftrace.home");
        if (property != null) {
            return new Installation(Path.of(property).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(ReftraceMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // report-viewer/target/reftrace-cli.jar (or report-viewer/target/classes) -> the project root
            return new Installation(jar.getParent().getParent().getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return new Installation(Path.of("").toAbsolutePath());
        }
    }

    /** The agent jar, at its documented place. */
    Path agentJar() {
        return home.resolve("agent/target/reftrace-agent.jar");
    }

    /** The jar with the netdev core, drivers and scenarios. */
    Path sampleDriversJar() {
        return home.resolve("sample-drivers/target/sample-drivers.jar");
    }

    /** The java executable this CLI runs on, so children run on the same JDK. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static boolean isFile(Path path) {
        return Files.isRegularFile(path);
    }
}
