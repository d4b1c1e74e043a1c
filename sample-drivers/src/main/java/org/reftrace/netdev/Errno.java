package org.reftrace.netdev;

/**
 * The error numbers the core returns, negated as in the kernel ({@code return -EINVAL;}). Functions that can
 * fail return {@code 0} or one of these, negative.
 */
public final class Errno {
    public static final int EIO = 5;
    public static final int ENOMEM = 12;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EOPNOTSUPP = 95;

    private Errno() {}

    /** The kernel's name of a (negative or positive) error number, e.g. {@code -EEXIST}. */
    public static String name(int err) {
        String name = switch (Math.abs(err)) {
            case EIO -> "EIO";
            case ENOMEM -> "ENOMEM";
            case EBUSY -> "EBUSY";
            case EEXIST -> "EEXIST";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENFILE -> "ENFILE";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> Integer.toString(Math.abs(err));
        };
        return (err < 0 ? "-" : "") + name;
    }
}
