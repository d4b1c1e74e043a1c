package org.reftrace.netdev;

/** {@code dev->priv_flags} ({@code IFF_*} of {@code enum netdev_priv_flags}) that the model's drivers use. */
public enum PrivFlag {
    /** {@code IFF_802_1Q_VLAN}. */
    VLAN_802_1Q,
    /** {@code IFF_EBRIDGE}: a bridge. */
    EBRIDGE,
    /** {@code IFF_BONDING}: a bond master or slave. */
    BONDING,
    /** {@code IFF_BRIDGE_PORT}. */
    BRIDGE_PORT,
    /** {@code IFF_MACVLAN_PORT}: a lower device with macvlans. */
    MACVLAN_PORT,
    /** {@code IFF_MACVLAN}. */
    MACVLAN,
    /** {@code IFF_LIVE_ADDR_CHANGE}: the MAC address may change while the device is up. */
    LIVE_ADDR_CHANGE,
    /** {@code IFF_NO_QUEUE}. */
    NO_QUEUE,
    /** {@code IFF_DONT_BRIDGE}. */
    DONT_BRIDGE
}
