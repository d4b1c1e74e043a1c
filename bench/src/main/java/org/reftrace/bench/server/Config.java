package org.reftrace.bench.server;

import java.util.List;

/** One way of running the server under test: its name in the table and the JVM flags that make it so. */
record Config(String name, List<String> jvmFlags) {
    /** The name in lower case with dashes, for file names: {@code netty-paranoid}. */
    String slug() {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** The name of the configuration {@code --baseline-agent} adds. */
    private static final String BASELINE = "reftrace, baseline agent";

    /**
     * The three configurations the issue compares, in their first round's order, and a fourth with another agent
     * jar when {@code baselineJar} is given (an agent of before a change, measured in the same rounds).
     */
    static List<Config> all(String agentJar, String baselineJar) {
        List<Config> all = new java.util.ArrayList<>(List.of(
                new Config("no agent", List.of()),
                new Config("Netty PARANOID", List.of("-Dio.netty.leakDetection.level=PARANOID")),
                reftrace("reftrace profile=netty", agentJar)));
        if (baselineJar != null) {
            all.add(reftrace(BASELINE, baselineJar));
        }
        return List.copyOf(all);
    }

    private static Config reftrace(String name, String agentJar) {
        return new Config(name, List.of("-Xshare:off", "-javaagent:" + agentJar + "=profile=netty,dump=off,console=off"));
    }
}
