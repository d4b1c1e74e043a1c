package org.reftrace.agent.profile;

/**
 * One instrumented method of a profile.
 *
 * @param id             its index among the targets of every profile in force (what instrumented code passes back)
 * @param profile        the index of its profile among those in force
 * @param owner          the declaring class or interface, internal name ({@code org/reftrace/netdev/Dev}); its
 *                       subclasses and implementations match too
 * @param method         the method's name
 * @param parameters     the descriptor's parameter part, {@code (Lorg/reftrace/netdev/NetDevice;)}, or
 *                       {@code null} for any parameters ({@code method(*)} in a profile file)
 * @param role           what the method means
 * @param object         which value is the tracked object
 * @param trackerArgument the argument holding the reference's tracker, or -1 for an untracked reference
 * @param countArgument  the argument giving how many references are taken or dropped ({@code retain(int)}), or -1
 *                       for one
 * @param when           when the call counts as having done what its role says
 * @param doneIsReturn   for a wait: the return value is the object whose wait ended ({@code null}: it gave up)
 * @param source         where it was declared, {@code netty.profile:12}, for messages
 */
public record Target(int id, int profile, String owner, String method, String parameters, Role role,
        ObjectSelector object, int trackerArgument, int countArgument, Success when, boolean doneIsReturn,
        String source) {

    /** The same target with its index among every profile in force. */
    public Target withIds(int newId, int newProfile) {
        return new Target(newId, newProfile, owner, method, parameters, role, object, trackerArgument, countArgument,
                when, doneIsReturn, source);
    }

    /** Whether the target is a constructor ({@code Class#<init>(...)}): the new object is its value. */
    public boolean isConstructor() {
        return method.equals("<init>");
    }

    /**
     * The highest argument index the recorder reads from a call of this target (its object, tracker or count), or
     * 0: the first argument is read whenever the receiver is absent.
     */
    public int lastArgumentRead() {
        int object = object().source() == ObjectSelector.Source.ARGUMENT ? object().argument() : 0;
        return Math.max(object, Math.max(trackerArgument, countArgument));
    }

    /** The declaring class's binary name ({@code org.reftrace.netdev.Dev}). */
    public String className() {
        return owner.replace('/', '.');
    }

    /** Whether a method with this JVM descriptor matches (the return type never matters: it may be covariant). */
    public boolean matches(String name, String descriptor) {
        return method.equals(name) && (parameters == null || descriptor.startsWith(parameters));
    }

    /** As a profile file spells it: {@code org.reftrace.netdev.Dev#devHold(...)}. */
    public String spec() {
        return className() + "#" + method + (parameters == null ? "(*)" : "(" + TypeNames.parametersOf(parameters) + ")");
    }

    @Override
    public String toString() {
        return role.key() + " = " + spec();
    }
}
