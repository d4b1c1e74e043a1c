package org.reftrace.dump;

import java.util.List;

/**
 * One refcounted object (for the netdev profile: a {@code NetDevice}).
 *
 * @param id           the agent's id, unique within the dump
 * @param kind         the profile's name for the kind of object, e.g. {@code netdev}
 * @param name         its name (a device name), or the class and identity hash
 * @param state        the agent's view of its life: {@code allocated}, {@code registered}, {@code unregistering},
 *                     {@code waiting}, {@code hung}, {@code freed}, {@code released}
 * @param refcount     its own count when the dump was taken, or {@code null} if unknown (object gone)
 * @param unattributed references the count shows but no recorded holder explains (taken before attach, or
 *                     through a path the profile does not cover)
 * @param shouldBeFree whether every holder should have let go by now (unregistered, freed, or at exit)
 * @param lifecycle    what happened to it, oldest first
 * @param holders      its outstanding holds, oldest first
 * @param profile      the profile that tracks it, e.g. {@code netdev} (v2; {@code null} in version 1 dumps)
 * @param namespace    the namespace it lives in ({@code init_net}, {@code ns1}) where its kind has one, else
 *                     {@code null}: two devices named {@code lo} are two objects (v2)
 * @param className    its class (v2; {@code null} in version 1 dumps)
 */
public record TrackedObject(long id, String kind, String name, String state, Integer refcount, int unattributed,
        boolean shouldBeFree, List<LifecycleEvent> lifecycle, List<Holder> holders, String profile, String namespace,
        String className) {

    public TrackedObject {
        lifecycle = List.copyOf(lifecycle);
        holders = List.copyOf(holders);
    }

    /** A version 1 object. */
    public TrackedObject(long id, String kind, String name, String state, Integer refcount, int unattributed,
            boolean shouldBeFree, List<LifecycleEvent> lifecycle, List<Holder> holders) {
        this(id, kind, name, state, refcount, unattributed, shouldBeFree, lifecycle, holders, null, null, null);
    }

    /** {@code name} with its namespace when it has one: {@code lo (ns1)}. */
    public String qualifiedName() {
        return namespace == null ? name : name + " (" + namespace + ")";
    }
}
