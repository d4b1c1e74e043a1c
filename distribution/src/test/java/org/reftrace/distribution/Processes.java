package org.reftrace.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end within a bound, its output (stdout and stderr) captured in a file. */
final class Processes {
    /** How a command ended. */
    record Result(int exit, String output) {}

    private Processes() {}

    static Result run(Path workingDir, Map<String, String> env, long timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(workingDir, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("%s ended within %d s; output:%n%s", command, timeoutSeconds, output).isTrue();
        return new Result(process.exitValue(), output);
    }
}
