package org.reftrace.netdev;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hardware address of up to 6 bytes ({@code dev->dev_addr}, {@code ETH_ALEN}), as {@code ip link} prints and
 * parses it: {@code 52:54:00:3b:7c:a6}.
 *
 * @param bytes the address; 6 bytes for Ethernet, 0 for a device without one
 */
public record MacAddress(byte[] bytes) {
    /** {@code ETH_ALEN}. */
    public static final int ETH_ALEN = 6;
    /** A device without hardware address ({@code addr_len} 0). */
    public static final MacAddress NONE = new MacAddress(new byte[0]);
    /** {@code 00:00:00:00:00:00}. */
    public static final MacAddress ZERO = new MacAddress(new byte[ETH_ALEN]);
    /** {@code ff:ff:ff:ff:ff:ff}. */
    public static final MacAddress BROADCAST = parse("ff:ff:ff:ff:ff:ff");

    public MacAddress {
        bytes = bytes.clone();
    }

    /**
     * Parses {@code aa:bb:cc:dd:ee:ff} (case-insensitive), as iproute2's {@code ll_addr_a2n} does.
     *
     * @throws IllegalArgumentException naming the text, when it is not six hex bytes separated by colons
     */
    public static MacAddress parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != ETH_ALEN) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid MAC address (expected: aa:bb:cc:dd:ee:ff)");
        }
        byte[] b = new byte[ETH_ALEN];
        for (int i = 0; i < ETH_ALEN; i++) {
            if (!parts[i].matches("[0-9a-fA-F]{1,2}")) {
                throw new IllegalArgumentException("\"" + text + "\" is not a valid MAC address (expected: aa:bb:cc:dd:ee:ff)");
            }
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return new MacAddress(b);
    }

    /** {@code eth_random_addr()}: random, unicast, locally administered. */
    public static MacAddress random() {
        byte[] b = new byte[ETH_ALEN];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] &= (byte) 0xfe; // clear multicast bit
        b[0] |= 0x02; // set local assignment bit (IEEE802)
        return new MacAddress(b);
    }

    /** {@code is_valid_ether_addr()}: six bytes, not multicast, not all zero. */
    public boolean isValidEther() {
        if (bytes.length != ETH_ALEN || (bytes[0] & 1) != 0) {
            return false;
        }
        for (byte x : bytes) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && java.util.Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    /** {@code %pM}: lower-case hex bytes separated by colons. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (byte x : bytes) {
            if (!out.isEmpty()) {
                out.append(':');
            }
            out.append(String.format(Locale.ROOT, "%02x", x & 0xff));
        }
        return out.toString();
    }
}
