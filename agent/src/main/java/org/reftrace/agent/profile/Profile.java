package org.reftrace.agent.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the agent instruments and how it reads the objects it tracks: one data declaration per kind of
 * refcounted object. The agent has no compile-time knowledge of any tracked API; everything it knows is here.
 *
 * @param name          the profile's name ({@code netdev})
 * @param kind          what the tracked objects are called in reports ({@code netdev})
 * @param objectType    the tracked class, internal name; a caller's parameter of this type that is not the held
 *                      object is taken as the owner ("vlan0 holds eth0")
 * @param nameMethod    no-argument method returning the object's name, or {@code null}
 * @param countMethod   no-argument method returning the object's own reference count, or {@code null}
 * @param stateMethod   no-argument method returning the object's state (any type; its {@code toString}), or
 *                      {@code null}
 * @param countFloor    the count the object owns itself and never puts (1 for a net_device)
 * @param registeredStates states in which the registration holds one reference more than the floor
 * @param releasedStates   states in which the object has been freed
 * @param deferredFreeStates states in which a free only marks the object to be freed later
 * @param hasRegistration  whether objects are registered and unregistered (else they should be free at exit)
 * @param apiPackage    the tracked API's own package prefix: a problem found inside it is blamed on the first
 *                      frame outside it, the API's caller
 * @param targets       the instrumented methods
 * @param ownerType     internal name of the type whose caller parameter owns a reference; {@code null}: the
 *                      tracked type (a device holding a device), else {@code this}
 */
public record Profile(String name, String kind, String objectType, String nameMethod, String countMethod,
        String stateMethod, int countFloor, Set<String> registeredStates, Set<String> releasedStates,
        Set<String> deferredFreeStates, boolean hasRegistration, String apiPackage, List<Target> targets,
        String ownerType) {

    /** A profile whose owners are the caller's parameter of the tracked type, else {@code this}. */
    public Profile(String name, String kind, String objectType, String nameMethod, String countMethod,
            String stateMethod, int countFloor, Set<String> registeredStates, Set<String> releasedStates,
            Set<String> deferredFreeStates, boolean hasRegistration, String apiPackage, List<Target> targets) {
        this(name, kind, objectType, nameMethod, countMethod, stateMethod, countFloor, registeredStates,
                releasedStates, deferredFreeStates, hasRegistration, apiPackage, targets, null);
    }

    public Profile {
        registeredStates = Set.copyOf(registeredStates);
        releasedStates = Set.copyOf(releasedStates);
        deferredFreeStates = Set.copyOf(deferredFreeStates);
        targets = List.copyOf(targets);
    }

    /** The call-site targets whose declaring class is {@code owner} (internal name). */
    public List<Target> callSiteTargets() {
        return targets.stream().filter(t -> t.role().atCallSite()).toList();
    }

    /** The callee (lifecycle) targets. */
    public List<Target> lifecycleTargets() {
        return targets.stream().filter(t -> !t.role().atCallSite()).toList();
    }

    public Target target(int id) {
        return targets.get(id);
    }

    /** Builds a target list with ids in declaration order. */
    static final class Targets {
        private final List<Target> list = new ArrayList<>();

        Targets add(String owner, String method, String descriptor, Role role, String why) {
            list.add(new Target(list.size(), owner, method, descriptor, role, why));
            return this;
        }

        List<Target> build() {
            return list;
        }
    }
}
