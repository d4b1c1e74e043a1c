package org.reftrace.agent.profile;

import java.util.Set;

/**
 * The built-in profile for reftrace's netdev model: every way a reference on a {@code NetDevice} is taken or
 * dropped, and the lifecycle points where holders must let go. The table is the whole contract between the
 * agent and the model; each line says why.
 */
public final class NetdevProfile {
    private static final String DEV = "org/reftrace/netdev/Dev";
    private static final String NETDEVICE = "Lorg/reftrace/netdev/NetDevice;";
    private static final String TRACKER = "Lorg/reftrace/netdev/NetdevTracker;";
    private static final String NET = "Lorg/reftrace/netdev/Net;";

    private NetdevProfile() {}

    public static Profile create() {
        var targets = new Profile.Targets()
                .add(DEV, "devHold", "(" + NETDEVICE + ")V", Role.HOLD,
                        "dev_hold(): an untracked reference")
                .add(DEV, "devPut", "(" + NETDEVICE + ")V", Role.PUT,
                        "dev_put(): drops an untracked reference")
                .add(DEV, "netdevHold", "(" + NETDEVICE + TRACKER + ")V", Role.HOLD_TRACKED,
                        "netdev_hold(): a reference recorded in the holder's tracker")
                .add(DEV, "netdevPut", "(" + NETDEVICE + TRACKER + ")V", Role.PUT_TRACKED,
                        "netdev_put(): drops the reference recorded in the tracker")
                .add(DEV, "devGetByName", "(" + NET + "Ljava/lang/String;)" + NETDEVICE, Role.LOOKUP,
                        "dev_get_by_name(): the device found comes with a reference")
                .add(DEV, "devGetByIndex", "(" + NET + "I)" + NETDEVICE, Role.LOOKUP,
                        "dev_get_by_index(): the device found comes with a reference")
                .add(DEV, "netdevGetByName", "(" + NET + "Ljava/lang/String;" + TRACKER + ")" + NETDEVICE,
                        Role.LOOKUP_TRACKED, "netdev_get_by_name(): a lookup whose reference is tracked")
                .add(DEV, "netdevGetByIndex", "(" + NET + "I" + TRACKER + ")" + NETDEVICE,
                        Role.LOOKUP_TRACKED, "netdev_get_by_index(): a lookup whose reference is tracked")
                .add(DEV, "netdevTrackerAlloc", "(" + NETDEVICE + TRACKER + ")V", Role.TRACKER_ALLOC,
                        "netdev_tracker_alloc(): an untracked reference becomes tracked")
                .add("org/reftrace/netdev/Registration", "allocNetdev",
                        "(" + NET + "Ljava/lang/String;Ljava/util/function/Function;Ljava/util/function/Consumer;)"
                                + NETDEVICE, Role.ALLOC, "alloc_netdev(): a new device, count 1")
                .add("org/reftrace/netdev/Registration", "registerNetdevice", "(" + NETDEVICE + ")I",
                        Role.REGISTER, "register_netdevice(): the registration takes a reference")
                .add("org/reftrace/netdev/Unregistration", "unregisterUnderRtnl",
                        "(Ljava/util/List;Ljava/lang/String;)Ljava/util/List;", Role.UNREGISTER,
                        "the rtnl half of every unregister path: NETDEV_UNREGISTER sent, holders must let go")
                .add("org/reftrace/netdev/Registration", "freeNetdev", "(" + NETDEVICE + ")V", Role.FREE,
                        "free_netdev(): frees now, or defers to the todo runner")
                .add("org/reftrace/netdev/Memory", "release", "(" + NETDEVICE + ")V", Role.RELEASE,
                        "netdev_freemem()/netdev_release(): the device's memory is gone")
                .add("org/reftrace/netdev/TodoRunner", "netdevWaitAllRefs",
                        "(Lorg/reftrace/netdev/Kernel;Ljava/util/List;)" + NETDEVICE, Role.WAIT,
                        "netdev_wait_allrefs_any(): waits until a device's count is back to 1")
                .add("org/reftrace/netdev/TodoRunner", "warnWaiting",
                        "(Lorg/reftrace/netdev/Kernel;" + NETDEVICE + ")V", Role.WAIT_WARNING,
                        "the \"waiting for %s to become free\" warning: time to name the holders")
                .build();
        return new Profile("netdev", "netdev", "org/reftrace/netdev/NetDevice", "name", "refcnt", "regState", 1,
                Set.of("REGISTERED"), Set.of("RELEASED"), Set.of("UNREGISTERING"), true, "org.reftrace.netdev.",
                targets);
    }
}
