package org.reftrace.bench.stress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpFormatException;
import org.reftrace.dump.DumpReader;

/**
 * Runs {@link StressProgram} once in a child JVM and measures it from outside: wall time from start to exit, and
 * peak resident memory read from the child's {@code /proc/PID/status} ({@code VmHWM}, a high-water mark) until it
 * exits. Under the agent it reads the dump written at exit and counts the holders at {@code Leaker.grab}.
 */
final class StressChild {
    private static final Pattern RESULT = Pattern.compile("stress: pairs=(\\d+) leaks=(\\d+) work-ms=(\\d+)");
    private static final String LEAK_SITE = StressProgram.Leaker.class.getName() + ".grab";

    private StressChild() {}

    static StressSample run(StressRun.Options options, boolean withAgent, int round, Path work)
            throws IOException, InterruptedException, DumpFormatException {
        Path dump = work.resolve("stress-" + round + ".json");
        Path log = work.resolve("stress-" + round + (withAgent ? "-agent" : "") + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (withAgent) {
            command.add("-javaagent:" + options.agent() + "=dump=" + dump + ",console=off");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StressProgram.class.getName(),
                Integer.toString(options.threads()), Integer.toString(options.pairs())));
        long began = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long peakKb = -1;
        while (!child.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, peakRssKb(child.pid()));
        }
        long processMillis = (System.nanoTime() - began) / 1_000_000;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Matcher m = RESULT.matcher(output);
        if (child.exitValue() != 0 || !m.find()) {
            throw new IOException("the stress program failed (exit " + child.exitValue() + "): " + command + "\n"
                    + output);
        }
        long expected = Long.parseLong(m.group(2));
        long found = withAgent ? leaksNamed(dump) : 0;
        if (withAgent && found != expected) {
            throw new IOException("the agent's dump names " + found + " of the " + expected + " known leaks at "
                    + LEAK_SITE + ": " + dump);
        }
        return new StressSample(round, withAgent, Long.parseLong(m.group(3)), processMillis, peakKb, expected, found);
    }

    /** Holders of the known leaks in the dump: one per leaked reference. */
    private static long leaksNamed(Path dump) throws IOException, DumpFormatException {
        Dump d = DumpReader.read(dump);
        return d.objects().stream().flatMap(o -> o.holders().stream()).filter(h -> h.site().startsWith(LEAK_SITE))
                .count();
    }

    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited between the check and the read, or not Linux
        }
        return -1;
    }
}
