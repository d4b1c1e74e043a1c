package org.reftrace.inet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address ({@code __be32}, {@code struct in6_addr}) as two 64-bit halves: an IPv4 address is in
 * the low 32 bits of {@code lo}. Parsed from and printed as {@code ip} prints it ({@code 10.0.0.1},
 * {@code 2001:db8::1}, RFC 5952). Never resolves names.
 *
 * @param hi the high 64 bits (0 for IPv4)
 * @param lo the low 64 bits
 */
public record IpAddr(AddressFamily family, long hi, long lo) {

    /** Parses a numeric IPv4 or IPv6 address; empty if {@code text} is not one. */
    public static Optional<IpAddr> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return text.indexOf(':') >= 0 ? parse6(text) : parse4(text);
    }

    /** Parses, or throws {@link IllegalArgumentException} naming the text. */
    public static IpAddr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not an IP address (expected e.g. 10.0.0.1 or 2001:db8::1)"));
    }

    private static Optional<IpAddr> parse4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = value << 8 | octet;
        }
        return Optional.of(new IpAddr(AddressFamily.INET, 0, value));
    }

    private static Optional<IpAddr> parse6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        List<Integer> head = groups(gap >= 0 ? text.substring(0, gap) : text);
        List<Integer> tail = gap >= 0 ? groups(text.substring(gap + 2)) : List.of();
        if (head == null || tail == null) {
            return Optional.empty();
        }
        int missing = 8 - head.size() - tail.size();
        if (gap >= 0 ? missing < 1 : missing != 0) {
            return Optional.empty();
        }
        List<Integer> all = new ArrayList<>(head);
        for (int i = 0; i < missing; i++) {
            all.add(0);
        }
        all.addAll(tail);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            if (i < 4) {
                hi = hi << 16 | all.get(i);
            } else {
                lo = lo << 16 | all.get(i);
            }
        }
        return Optional.of(new IpAddr(AddressFamily.INET6, hi, lo));
    }

    /** Colon-separated hex groups, or {@code null} if malformed; empty text is no groups. */
    private static List<Integer> groups(String text) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return groups;
        }
        for (String group : text.split(":", -1)) {
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            for (char c : group.toCharArray()) {
                if (Character.digit(c, 16) < 0) {
                    return null;
                }
            }
            groups.add(Integer.parseInt(group, 16));
        }
        return groups;
    }

    /** Bit {@code i} counted from the most significant (0). */
    boolean bit(int i) {
        int bits = family.bits();
        if (family == AddressFamily.INET) {
            return (lo >>> (bits - 1 - i) & 1) != 0;
        }
        return i < 64 ? (hi >>> (63 - i) & 1) != 0 : (lo >>> (127 - i) & 1) != 0;
    }

    /** The address with every bit from {@code len} on cleared: the network of a prefix. */
    public IpAddr masked(int len) {
        if (family == AddressFamily.INET) {
            long mask = len == 0 ? 0 : 0xffffffffL << (32 - len) & 0xffffffffL;
            return new IpAddr(family, 0, lo & mask);
        }
        long hiMask = len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
        long loMask = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
        return new IpAddr(family, hi & hiMask, lo & loMask);
    }

    @Override
    public String toString() {
        if (family == AddressFamily.INET) {
            return (lo >>> 24 & 255) + "." + (lo >>> 16 & 255) + "." + (lo >>> 8 & 255) + "." + (lo & 255);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (int) ((i < 4 ? hi >>> (48 - 16 * i) : lo >>> (48 - 16 * (i - 4))) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952: a single zero group is not compressed
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
