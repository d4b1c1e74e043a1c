package org.reftrace.netdev;

/**
 * {@code dev->flags} ({@code IFF_*}, {@code include/uapi/linux/if.h}) other than {@code IFF_UP}, which the model
 * keeps as {@link NetDevice#isUp()}; shown by {@code ip link show} between the angle brackets.
 */
public enum IfFlag {
    BROADCAST,
    LOOPBACK,
    POINTOPOINT,
    NOARP,
    PROMISC,
    ALLMULTI,
    /** {@code IFF_MASTER}: a bonding master. */
    MASTER,
    /** {@code IFF_SLAVE}: a bonding slave. */
    SLAVE,
    MULTICAST
}
