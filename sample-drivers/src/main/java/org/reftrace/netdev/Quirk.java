package org.reftrace.netdev;

/**
 * The time machine: core behaviours the kernel had before a fix, each named by the commit that removed it.
 * All are off by default (the kernel after the seed's series, with the modern out-of-order completion). The
 * gallery's buggy variants switch them on to bring a historical bug back to life.
 *
 * <p>Model-only: the kernel has no such switches.
 */
public enum Quirk {
    /** Devices have the old {@code dev->destructor}, which usually freed the device after the wait. */
    LEGACY_DESTRUCTOR("cf124db566e6", "the old dev->destructor runs after the reference wait (and usually frees)"),
    /** A NETDEV_REGISTER veto unwinds with {@code rollback_registered()} instead of the todo list. */
    REGISTER_VETO_ROLLBACK("766b0515d5be",
            "a NETDEV_REGISTER veto rolls back without the todo list: no reference wait, no destructor"),
    /** With {@link #REGISTER_VETO_ROLLBACK}: the rollback does not wait for RCU callbacks. */
    ROLLBACK_WITHOUT_RCU_BARRIER("10cc514f451a",
            "the veto rollback lets the caller free before queued RCU callbacks have put their references"),
    /** With {@link #REGISTER_VETO_ROLLBACK}: the rollback never drops the sysfs kobject reference. */
    ROLLBACK_WITHOUT_KOBJECT_PUT("814152a89ed5",
            "the veto rollback never drops the kobject reference taken for sysfs removal"),
    /** A NETDEV_REGISTER veto goes through the todo list but leaves {@code needs_free_netdev} set. */
    VETO_KEEPS_NEEDS_FREE_NETDEV("766b0515d5be",
            "a NETDEV_REGISTER veto keeps needs_free_netdev, so the todo runner frees what the caller frees"),
    /** {@code free_netdev()} of an UNREGISTERING device is a BUG instead of deferring the free. */
    STRICT_FREE_NETDEV("c269a24ce057", "free_netdev() of an UNREGISTERING device is a BUG"),
    /** {@code rtnl_newlink()} frees the device on any {@code ->newlink} failure, registered or not. */
    NEWLINK_ALWAYS_FREES("0e0eee2465df", "rtnl_newlink() frees the device whatever ->newlink left it in"),
    /** {@code rtnl_newlink()} never frees after a {@code ->newlink} failure: the driver was to do it. */
    NEWLINK_NEVER_FREES("e51fb152318e", "rtnl_newlink() leaves a device that ->newlink failed to register"),
    /** The todo runner completes devices strictly in list order instead of whichever is free first. */
    IN_ORDER_COMPLETION("faab39f63c1f", "the todo runner waits for each device in turn, in list order");

    private final String removedBy;
    private final String behaviour;

    Quirk(String removedBy, String behaviour) {
        this.removedBy = removedBy;
        this.behaviour = behaviour;
    }

    /** The kernel commit whose fix removed this behaviour. */
    public String removedBy() {
        return removedBy;
    }

    /** What the core does while this quirk is on. */
    public String behaviour() {
        return behaviour;
    }

    /** The quirk's name as users type it: lower case with dashes, e.g. {@code in-order-completion}. */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #optionName()} (or the enum constant's name). */
    public static Quirk fromOptionName(String name) {
        for (Quirk quirk : values()) {
            if (quirk.optionName().equals(name) || quirk.name().equals(name)) {
                return quirk;
            }
        }
        throw new IllegalArgumentException("unknown quirk '" + name + "' (expected one of: "
                + java.util.Arrays.stream(values()).map(Quirk::optionName).toList() + ")");
    }
}
