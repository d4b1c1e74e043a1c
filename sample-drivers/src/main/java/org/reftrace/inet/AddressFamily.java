package org.reftrace.inet;

/** The two address families of the IP stack ({@code AF_INET}, {@code AF_INET6}). */
public enum AddressFamily {
    INET(32),
    INET6(128);

    private final int bits;

    AddressFamily(int bits) {
        this.bits = bits;
    }

    /** Address length in bits: 32 or 128. */
    public int bits() {
        return bits;
    }

    /** The kernel's constant, e.g. {@code AF_INET6}. */
    public String kernelName() {
        return "AF_" + name();
    }
}
