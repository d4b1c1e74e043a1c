package org.reftrace.netdev;

/** {@code dev->reg_state}: where a device is in its life (see {@code enum netdev_reg_state}). */
public enum RegState {
    /** Allocated, never registered, or registration failed before the device was listed. */
    UNINITIALIZED,
    /** {@code register_netdevice()} completed: the device is listed and found by lookups. */
    REGISTERED,
    /** Unregistered under rtnl and unlisted; the rest waits for the todo list. */
    UNREGISTERING,
    /** Taken by the todo runner; waiting for its last references. */
    UNREGISTERED,
    /** {@code free_netdev()} ran on an unregistered device; the memory goes with the last kobject reference. */
    RELEASED,
    /** A NAPI-only dummy device that is never registered. */
    DUMMY;

    /** The kernel's constant, e.g. {@code NETREG_UNREGISTERING}. */
    public String kernelName() {
        return "NETREG_" + name();
    }
}
