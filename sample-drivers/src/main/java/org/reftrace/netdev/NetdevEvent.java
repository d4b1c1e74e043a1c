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
    /** The device is being unregistered: every holder must drop its references. Re-sent every second while
     *  {@code netdev_wait_all_refs} waits, so handlers must be idempotent. */
    UNREGISTER;

    /** The kernel's constant, e.g. {@code NETDEV_UNREGISTER}. */
    public String kernelName() {
        return "NETDEV_" + name();
    }

    /** Whether a handler's error stops the chain and fails the operation. */
    public boolean canVeto() {
        return this == POST_INIT || this == REGISTER;
    }
}
