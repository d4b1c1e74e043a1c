package org.reftrace.dump;

import java.util.List;

/**
 * Where a dump comes from.
 *
 * @param createdAt   ISO-8601 instant
 * @param pid         the watched JVM's process id
 * @param jvm         {@code java.vm.name} and {@code java.version}
 * @param profile     the profile's name, e.g. {@code netdev}
 * @param trigger     why it was written: {@code exit}, {@code request}, {@code periodic}, {@code wait}
 * @param options     the agent options in force, as given
 * @param uptimeNanos nanoseconds since the agent started; every {@code *Nanos} time in the dump counts from the
 *                    agent's start
 * @param profiles    every profile in force, in order (v2; in version 1 dumps the one {@code profile})
 * @param host        the machine's name (v2; {@code null} in version 1 dumps)
 * @param mainClass   the watched program: its main class or jar, as {@code sun.java.command} starts (v2)
 * @param holdTiming  how hold durations were measured, e.g. {@code coarse clock, 1 ms resolution} (v2)
 */
public record Meta(String createdAt, long pid, String jvm, String profile, String trigger, String options,
        long uptimeNanos, List<String> profiles, String host, String mainClass, String holdTiming) {

    public Meta {
        profiles = profiles == null ? (profile == null ? List.of() : List.of(profile)) : List.copyOf(profiles);
    }

    /** A version 1 meta: one profile, no host, program or timing. */
    public Meta(String createdAt, long pid, String jvm, String profile, String trigger, String options,
            long uptimeNanos) {
        this(createdAt, pid, jvm, profile, trigger, options, uptimeNanos, null, null, null, null);
    }

    /** Which JVM this was, for reports that merge many: {@code pid@host (main class)}. */
    public String jvmLabel() {
        return pid + (host != null ? "@" + host : "") + (mainClass != null ? " (" + mainClass + ")" : "");
    }
}
