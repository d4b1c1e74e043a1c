package org.reftrace.agent.profile;

/**
 * One instrumented method.
 *
 * @param id         its index in the profile (what instrumented code passes back)
 * @param owner      the declaring class, internal name ({@code org/reftrace/netdev/Dev})
 * @param method     the method's name
 * @param descriptor the JVM method descriptor
 * @param role       what the method means
 * @param why        one line: why it is a hold, a put, a free...
 */
public record Target(int id, String owner, String method, String descriptor, Role role, String why) {

    /** The declaring class's binary name ({@code org.reftrace.netdev.Dev}). */
    public String className() {
        return owner.replace('/', '.');
    }

    @Override
    public String toString() {
        return className() + "." + method + descriptor + " (" + role + ")";
    }
}
