package org.reftrace.agent.profile;

import java.util.List;
import java.util.Set;

/**
 * What the agent instruments for one kind of refcounted object, and how it reads those objects: one data
 * declaration, parsed from a profile file (docs/profiles.md). The agent has no compile-time knowledge of any
 * tracked API; everything it knows of one is here.
 *
 * @param name            the profile's name ({@code netdev})
 * @param source          where it came from: {@code built-in netdev.profile} or the file's path
 * @param kind            what its objects are called in reports ({@code netdev})
 * @param type            the tracked class or interface, internal name; only its instances (and its subclasses'
 *                        and implementations') are tracked, whatever method is called
 * @param ignoredTypes    classes (binary names) never tracked although they are of {@code type}: objects that are
 *                        never released by design (Netty's {@code EmptyByteBuf})
 * @param views           classes whose objects are views of another object's count: their events apply to the
 *                        object their accessor returns
 * @param nameMethod      no-argument method naming an object in reports, or {@code null}
 * @param countMethod     no-argument method returning the object's own count, or {@code null}
 * @param countFloor      references an object owns itself and never drops (1 for a net_device)
 * @param stateMethod     no-argument method returning the object's state (its {@code toString}), or {@code null}
 * @param namespaceMethod no-argument method returning the object's namespace (its {@code toString}), or
 *                        {@code null}: two objects of one name in two namespaces are two objects
 * @param registeredStates states in which the registration holds one reference more than the floor
 * @param releasedStates  states in which the object has been freed
 * @param deferredFreeStates states in which a free only marks the object to be freed later
 * @param implementation  the tracked library's own package prefix ({@code io.netty.buffer.}), or {@code null}: a
 *                        problem found inside it is blamed on the first frame outside it
 * @param ownerType       internal name of a type whose caller parameter owns a reference, or {@code null} (the
 *                        caller's parameters of any tracked type, else {@code this})
 * @param lingering       when references still held count as lingering for objects without a lifecycle
 * @param targets         the instrumented methods
 */
public record Profile(String name, String source, String kind, String type, Set<String> ignoredTypes,
        List<View> views, String nameMethod, String countMethod, int countFloor, String stateMethod,
        String namespaceMethod, Set<String> registeredStates, Set<String> releasedStates,
        Set<String> deferredFreeStates, String implementation, String ownerType, Lingering lingering,
        List<Target> targets) {

    public Profile {
        ignoredTypes = Set.copyOf(ignoredTypes);
        views = List.copyOf(views);
        registeredStates = Set.copyOf(registeredStates);
        releasedStates = Set.copyOf(releasedStates);
        deferredFreeStates = Set.copyOf(deferredFreeStates);
        targets = List.copyOf(targets);
    }

    /**
     * A class whose objects are views of another's count (a Netty {@code ByteBufHolder} of its {@code content()},
     * a derived buffer of its parent): a reference taken on the view is taken on what {@code accessor} returns.
     *
     * @param type     binary class name; its subclasses and implementations are views too
     * @param accessor no-argument method returning the object viewed
     */
    public record View(String type, String accessor) {}

    /** When the references of an object without a lifecycle count as lingering. */
    public enum Lingering {
        /** Whenever a dump is taken: such objects should be free between uses (Netty's buffers). */
        AT_DUMP,
        /** Only at exit: such objects may live long, but not past the program (kmem allocations). */
        AT_EXIT
    }

    /** The tracked type's binary name. */
    public String typeName() {
        return type.replace('/', '.');
    }

    /** Whether objects are registered and unregistered (else they have no lifecycle but free). */
    public boolean hasRegistration() {
        return targets.stream().anyMatch(t -> t.role() == Role.REGISTER);
    }

    /**
     * Whether objects have a life of their own that says when holders must have let go (a registration, an
     * unregister, a wait for references). A {@code should-be-free} alone only marks objects; those it never marks
     * follow the rule of objects without a lifecycle ({@link #lingering}).
     */
    public boolean hasLifecycle() {
        return targets.stream().anyMatch(t -> t.role() == Role.REGISTER || t.role() == Role.UNREGISTER
                || t.role() == Role.WAIT);
    }

    /** The same profile with its targets renumbered among every profile in force. */
    public Profile withTargets(List<Target> renumbered) {
        return new Profile(name, source, kind, type, ignoredTypes, views, nameMethod, countMethod, countFloor,
                stateMethod, namespaceMethod, registeredStates, releasedStates, deferredFreeStates, implementation,
                ownerType, lingering, renumbered);
    }
}
