package org.reftrace.netdev;

/**
 * The error numbers the model returns, negated as in the kernel ({@code return -EINVAL;}). Functions that can
 * fail return {@code 0} or one of these, negative. Values are Linux's ({@code include/uapi/asm-generic/errno*.h}).
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EIO = 5;
    public static final int ENOMEM = 12;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int EHOSTUNREACH = 113;

    private Errno() {}

    /** The kernel's name of a (negative or positive) error number, e.g. {@code -EEXIST}. */
    public static String name(int err) {
        String name = switch (Math.abs(err)) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EIO -> "EIO";
            case ENOMEM -> "ENOMEM";
            case EBUSY -> "EBUSY";
            case EEXIST -> "EEXIST";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENFILE -> "ENFILE";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            case EAFNOSUPPORT -> "EAFNOSUPPORT";
            case EADDRNOTAVAIL -> "EADDRNOTAVAIL";
            case ENETDOWN -> "ENETDOWN";
            case ENETUNREACH -> "ENETUNREACH";
            case EHOSTUNREACH -> "EHOSTUNREACH";
            default -> Integer.toString(Math.abs(err));
        };
        return (err < 0 ? "-" : "") + name;
    }
}
