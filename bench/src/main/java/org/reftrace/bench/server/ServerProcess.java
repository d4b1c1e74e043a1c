package org.reftrace.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server under test in a child JVM: the sample's {@code RestServer} (Netty's {@code HttpServerCodec} and
 * {@code HttpObjectAggregator}, one event-loop thread) started with one {@link Config}'s flags on a free port.
 * Its output after the first line goes to a log file (PARANOID or the agent may print).
 */
final class ServerProcess implements AutoCloseable {
    private static final String MAIN = "org.reftrace.samples.netty.http.RestServer";

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the child and waits (up to 60 s) for its {@code listening on 127.0.0.1:PORT} line. */
    static ServerProcess start(Config config, String classpath, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(config.jvmFlags());
        command.addAll(List.of("-cp", classpath, MAIN, "0", "1"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            if (line.startsWith("reftrace: the agent failed to start") || line.startsWith("reftrace: the agent is off")) {
                process.destroyForcibly();
                throw new IOException("the server (" + config.name() + ") runs without the agent, so its figures "
                        + "would not be the agent's: " + line);
            }
            if (line.startsWith("listening on 127.0.0.1:")) {
                int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
                Thread drain = new Thread(() -> copy(out, log), "server-log");
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(process, port);
            }
        }
        process.destroyForcibly();
        throw new IOException("the server (" + config.name() + ") did not start: " + command + "\n" + seen);
    }

    private static void copy(BufferedReader out, Path log) {
        try (var writer = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                writer.write(line);
                writer.newLine();
            }
        } catch (IOException ended) {
            // the child was stopped: nothing more to log
        }
    }

    int port() {
        return port;
    }

    /** CPU time the child has used so far, all threads; null where the OS does not say. */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(null);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
