package org.reftrace.netdev;

/** The netdev notifier events ({@code enum netdev_cmd}) the model sends. */
public enum NetdevEvent {
    /** Before sysfs, during {@code register_netdevice()}; a handler may veto. */
    POST_INIT,
    /** The device is listed; a handler may veto, which makes registration unregister it fully. */
    REGISTER,
    /** The device came up. */
    UP,
    /** The device is about to go down. */
    GOING_DOWN,
    /** The device went down. */
    DOWN,
    /** The device is being unregistered (or is leaving its namespace: it is then still
     *  {@link RegState#REGISTERED}): every holder must drop its references. Re-sent every second while
     *  {@code netdev_wait_all_refs} waits, so handlers must be idempotent. */
    UNREGISTER,
    /** {@code dev_open()}, before {@code ndo_open}; a handler may veto. */
    PRE_UP,
    /** {@code netdev_state_change()}: flags or carrier changed on a running device (sent by linkwatch). */
    CHANGE,
    /** {@code dev_set_mtu()} before the change; a handler may veto. */
    PRECHANGEMTU,
    /** The MTU changed; a handler's error makes {@code dev_set_mtu()} revert it. */
    CHANGEMTU,
    /** {@code dev_set_mac_address()} before the change; a handler may veto. */
    PRE_CHANGEADDR,
    /** The hardware address changed. */
    CHANGEADDR,
    /** {@code dev_change_name()}: the device was renamed; a handler's error reverts the name. */
    CHANGENAME,
    /** {@code netdev_upper_dev_link/unlink()} before the change; a handler may veto. The info is a
     *  {@link NotifierInfo.ChangeUpper}. */
    PRECHANGEUPPER,
    /** An upper device was linked or unlinked ({@link NotifierInfo.ChangeUpper}); a handler's error undoes a
     *  link. */
    CHANGEUPPER,
    /** {@code netdev_lower_state_changed()}: a lower device's state as its master sees it changed. */
    CHANGELOWERSTATE,
    /** {@code NETDEV_JOIN}: the device is about to become a bonding slave. */
    JOIN,
    /** {@code NETDEV_RELEASE}: a bond's address is released (the slave list emptied). */
    RELEASE,
    /** {@code NETDEV_BONDING_FAILOVER}: a bond changed its active slave. */
    BONDING_FAILOVER,
    /** {@code unregister_netdevice_many()}, after {@code NETDEV_UNREGISTER} and before {@code ndo_uninit}
     *  (v6.2+). */
    PRE_UNINIT;

    /** The kernel's constant, e.g. {@code NETDEV_UNREGISTER}. */
    public String kernelName() {
        return "NETDEV_" + name();
    }

    /** Whether a handler's error stops the chain and fails (or reverts) the operation. */
    public boolean canVeto() {
        return switch (this) {
            case POST_INIT, REGISTER, PRE_UP, PRECHANGEMTU, CHANGEMTU, PRE_CHANGEADDR, CHANGENAME, PRECHANGEUPPER,
                    CHANGEUPPER -> true;
            default -> false;
        };
    }
}
