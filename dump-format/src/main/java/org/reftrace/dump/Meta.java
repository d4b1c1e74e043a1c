package org.reftrace.dump;

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
 */
public record Meta(String createdAt, long pid, String jvm, String profile, String trigger, String options,
        long uptimeNanos) {}
