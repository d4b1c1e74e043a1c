package org.reftrace.netdev;

/**
 * {@code dev->type}: the hardware type ({@code ARPHRD_*}, {@code include/uapi/linux/if_arp.h}), which decides how
 * addresses look and who may stack on the device (a bridge port or a bond slave must be {@link #ETHER}).
 */
public enum DeviceType {
    /** {@code ARPHRD_NETROM} (0): what {@code alloc_netdev()} leaves when the setup function sets no type. */
    NETROM(0, "netrom"),
    /** {@code ARPHRD_ETHER}: set by {@code ether_setup()}. */
    ETHER(1, "ether"),
    /** {@code ARPHRD_LOOPBACK}: {@code lo}. */
    LOOPBACK(772, "loopback"),
    /** {@code ARPHRD_SIT}: an IPv6-in-IPv4 tunnel. */
    SIT(776, "sit"),
    /** {@code ARPHRD_NETLINK}: nlmon. */
    NETLINK(824, "netlink"),
    /** {@code ARPHRD_VOID}. */
    VOID(0xFFFF, "void"),
    /** {@code ARPHRD_NONE}: a device without hardware header (e.g. a tun or wireguard device). */
    NONE(0xFFFE, "none");

    private final int arphrd;
    private final String linkName;

    DeviceType(int arphrd, String linkName) {
        this.arphrd = arphrd;
        this.linkName = linkName;
    }

    /** The kernel's number. */
    public int arphrd() {
        return arphrd;
    }

    /** How iproute2 shows it: {@code link/ether}. */
    public String linkName() {
        return "link/" + linkName;
    }
}
