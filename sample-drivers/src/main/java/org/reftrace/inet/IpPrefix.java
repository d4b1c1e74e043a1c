package org.reftrace.inet;

import java.util.Optional;

/**
 * An address with a prefix length, as {@code ip} writes it: {@code 10.0.0.1/24}, {@code 2001:db8::/64}, or a
 * bare address (a host prefix, /32 or /128).
 */
public record IpPrefix(IpAddr addr, int len) {

    public IpPrefix {
        if (len < 0 || len > addr.family().bits()) {
            throw new IllegalArgumentException("prefix length " + len + " (expected 0.." + addr.family().bits() + ")");
        }
    }

    /** Parses {@code ADDR[/LEN]}; empty if malformed. {@code default} is {@code 0.0.0.0/0} or {@code ::/0}. */
    public static Optional<IpPrefix> parse(String text, AddressFamily defaultFamily) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.equals("default")) {
            return Optional.of(new IpPrefix(defaultFamily == AddressFamily.INET6
                    ? new IpAddr(AddressFamily.INET6, 0, 0) : new IpAddr(AddressFamily.INET, 0, 0), 0));
        }
        int slash = text.indexOf('/');
        Optional<IpAddr> addr = IpAddr.parse(slash < 0 ? text : text.substring(0, slash));
        if (addr.isEmpty()) {
            return Optional.empty();
        }
        int len = addr.get().family().bits();
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            len = Integer.parseInt(digits);
            if (len > addr.get().family().bits()) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpPrefix(addr.get(), len));
    }

    public AddressFamily family() {
        return addr.family();
    }

    /** The prefix with its host bits cleared, e.g. {@code 10.0.0.0/24} for {@code 10.0.0.1/24}. */
    public IpPrefix network() {
        return new IpPrefix(addr.masked(len), len);
    }

    /** Whether {@code a} lies in this prefix. */
    public boolean contains(IpAddr a) {
        return a.family() == addr.family() && a.masked(len).equals(addr.masked(len));
    }

    @Override
    public String toString() {
        return addr + "/" + len;
    }
}
