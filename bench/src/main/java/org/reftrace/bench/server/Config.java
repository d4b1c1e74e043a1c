package org.reftrace.bench.server;

import java.util.List;

/** One way of running the server under test: its name in the table and the JVM flags that make it so. */
record Config(String name, List<String> jvmFlags) {
    /** The name in lower case with dashes, for file names: {@code netty-paranoid}. */
    String slug() {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** The three configurations the issue compares, in their first round's order. */
    static List<Config> all(String agentJar) {
        return List.of(
                new Config("no agent", List.of()),
                new Config("Netty PARANOID", List.of("-Dio.netty.leakDetection.level=PARANOID")),
                new Config("reftrace profile=netty", List.of("-Xshare:off",
                        "-javaagent:" + agentJar + "=profile=netty,dump=off,console=off")));
    }
}
