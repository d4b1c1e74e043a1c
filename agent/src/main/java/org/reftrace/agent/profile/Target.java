package org.reftrace.agent.profile;

/**
 * One instrumented method.
 *
 * @param id             its index in the profile (what instrumented code passes back)
 * @param owner          the declaring class or interface, internal name ({@code org/reftrace/netdev/Dev})
 * @param method         the method's name
 * @param descriptor     the JVM method descriptor; with {@code anyParameters}, only its return type counts
 * @param role           what the method means
 * @param why            one line: why it is a hold, a put, a free...
 * @param subtypes       whether calls through subclasses and implementations of {@code owner} match too
 * @param anyParameters  whether any parameter list matches ({@code method(*)} in a profile file)
 * @param objectArgument for callee roles, which argument is the tracked object (-1: {@code this})
 */
public record Target(int id, String owner, String method, String descriptor, Role role, String why, boolean subtypes,
        boolean anyParameters, int objectArgument) {

    /** An exact target, as the built-in netdev profile declares them. */
    public Target(int id, String owner, String method, String descriptor, Role role, String why) {
        this(id, owner, method, descriptor, role, why, false, false, 0);
    }

    /** The declaring class's binary name ({@code org.reftrace.netdev.Dev}). */
    public String className() {
        return owner.replace('/', '.');
    }

    /** The descriptor's parameter part, {@code (...)}. */
    public String parameters() {
        return descriptor.substring(0, descriptor.indexOf(')') + 1);
    }

    @Override
    public String toString() {
        return className() + "." + method + (anyParameters ? "(*)" : descriptor) + " (" + role + ")";
    }
}
