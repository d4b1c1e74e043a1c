package org.reftrace.netdev;

/** {@code dev->addr_assign_type} ({@code NET_ADDR_*}): where the device's hardware address came from. */
public enum AddrAssignType {
    /** {@code NET_ADDR_PERM}: the hardware's own. */
    PERM,
    /** {@code NET_ADDR_RANDOM}: {@code eth_hw_addr_random()}. */
    RANDOM,
    /** {@code NET_ADDR_STOLEN}: copied from another device (a bond from its first slave). */
    STOLEN,
    /** {@code NET_ADDR_SET}: set by the user ({@code dev_set_mac_address}). */
    SET
}
