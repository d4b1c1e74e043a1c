package org.reftrace.netdev;

import java.util.HashSet;
import java.util.Set;

/** {@code dev_valid_name()} and {@code dev_alloc_name()}: checking names and resolving {@code %d} templates. */
final class DeviceNames {
    /** {@code IFNAMSIZ}: names are at most 15 characters plus the terminating NUL. */
    static final int IFNAMSIZ = 16;
    private static final int MAX_UNITS = 32768;

    private DeviceNames() {}

    /** {@code ALTIFNAMSIZ}: an alternative name is at most 127 characters; otherwise as {@link #isValid}. */
    static boolean isValidAltname(String name) {
        return name != null && !name.isEmpty() && name.length() < 128 && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() >= IFNAMSIZ || name.equals(".") || name.equals("..")) {
            return false;
        }
        return name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    /**
     * {@code dev_get_valid_name()}: gives {@code dev} its final name in {@code net}.
     *
     * @return 0, -EINVAL for a bad name or template, -EEXIST for a taken name, -ENFILE when every unit is taken
     */
    static int assign(Net net, NetDevice dev) {
        String[] picked = new String[1];
        int err = pick(net, dev.name, picked);
        if (err == 0) {
            dev.setName(picked[0]);
        }
        return err;
    }

    /**
     * {@code dev_prep_valid_name()}: the name {@code name} (a {@code %d} template resolved to the lowest free
     * unit) would get in {@code net}, in {@code out[0]}.
     *
     * @return 0, -EINVAL for a bad name or template, -EEXIST for a taken name, -ENFILE when every unit is taken
     */
    static int pick(Net net, String name, String[] out) {
        if (!isValid(name.replace("%d", "0"))) {
            return -Errno.EINVAL;
        }
        if (!name.contains("%")) {
            out[0] = name;
            return net.findByName(name) != null ? -Errno.EEXIST : 0;
        }
        int at = name.indexOf("%d");
        if (at < 0 || name.indexOf('%', at + 1) >= 0) {
            return -Errno.EINVAL;
        }
        String prefix = name.substring(0, at);
        String suffix = name.substring(at + 2);
        Set<Integer> used = new HashSet<>();
        for (NetDevice other : net.devices()) {
            String n = other.name;
            if (n.startsWith(prefix) && n.endsWith(suffix) && n.length() > prefix.length() + suffix.length()) {
                String unit = n.substring(prefix.length(), n.length() - suffix.length());
                if (unit.chars().allMatch(Character::isDigit) && unit.length() < 6) {
                    used.add(Integer.parseInt(unit));
                }
            }
        }
        for (int unit = 0; unit < MAX_UNITS; unit++) {
            String candidate = prefix + unit + suffix;
            if (!used.contains(unit) && candidate.length() < IFNAMSIZ) {
                out[0] = candidate;
                return 0;
            }
        }
        return -Errno.ENFILE;
    }
}
