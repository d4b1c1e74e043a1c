package org.reftrace.netdev;

/**
 * The error numbers the core returns, negated as in the kernel ({@code return -EINVAL;}). Functions that can
 * fail return {@code 0} or one of these, negative. The values are Linux's ({@code include/uapi/asm-generic/errno*.h}).
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EIO = 5;
    public static final int E2BIG = 7;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int ENOSPC = 28;
    public static final int ENOTEMPTY = 39;
    public static final int EMLINK = 31;
    public static final int ERANGE = 34;
    public static final int ELOOP = 40;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ENOBUFS = 105;
    public static final int ENOTCONN = 107;
    public static final int EHOSTUNREACH = 113;

    private Errno() {}

    /** The kernel's name of a (negative or positive) error number, e.g. {@code -EEXIST}. */
    public static String name(int err) {
        String name = switch (Math.abs(err)) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EIO -> "EIO";
            case E2BIG -> "E2BIG";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EBUSY -> "EBUSY";
            case EEXIST -> "EEXIST";
            case EXDEV -> "EXDEV";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENFILE -> "ENFILE";
            case ENOSPC -> "ENOSPC";
            case ENOTEMPTY -> "ENOTEMPTY";
            case EMLINK -> "EMLINK";
            case ERANGE -> "ERANGE";
            case ELOOP -> "ELOOP";
            case EPROTONOSUPPORT -> "EPROTONOSUPPORT";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            case EAFNOSUPPORT -> "EAFNOSUPPORT";
            case EADDRINUSE -> "EADDRINUSE";
            case EADDRNOTAVAIL -> "EADDRNOTAVAIL";
            case ENETDOWN -> "ENETDOWN";
            case ENETUNREACH -> "ENETUNREACH";
            case ENOBUFS -> "ENOBUFS";
            case ENOTCONN -> "ENOTCONN";
            case EHOSTUNREACH -> "EHOSTUNREACH";
            default -> Integer.toString(Math.abs(err));
        };
        return (err < 0 ? "-" : "") + name;
    }

    /**
     * {@code strerror()}: the C library's text for a (negative or positive) error number, as iproute2 prints it
     * after {@code RTNETLINK answers: }, e.g. {@code No such device}.
     */
    public static String strerror(int err) {
        return switch (Math.abs(err)) {
            case EPERM -> "Operation not permitted";
            case ENOENT -> "No such file or directory";
            case ESRCH -> "No such process";
            case EIO -> "Input/output error";
            case E2BIG -> "Argument list too long";
            case EAGAIN -> "Resource temporarily unavailable";
            case ENOMEM -> "Cannot allocate memory";
            case EBUSY -> "Device or resource busy";
            case EEXIST -> "File exists";
            case EXDEV -> "Invalid cross-device link";
            case ENODEV -> "No such device";
            case EINVAL -> "Invalid argument";
            case ENFILE -> "Too many open files in system";
            case ENOSPC -> "No space left on device";
            case ENOTEMPTY -> "Directory not empty";
            case EMLINK -> "Too many links";
            case ERANGE -> "Numerical result out of range";
            case ELOOP -> "Too many levels of symbolic links";
            case EPROTONOSUPPORT -> "Protocol not supported";
            case EOPNOTSUPP -> "Operation not supported";
            case EAFNOSUPPORT -> "Address family not supported by protocol";
            case EADDRINUSE -> "Address already in use";
            case EADDRNOTAVAIL -> "Cannot assign requested address";
            case ENETDOWN -> "Network is down";
            case ENETUNREACH -> "Network is unreachable";
            case ENOBUFS -> "No buffer space available";
            case ENOTCONN -> "Transport endpoint is not connected";
            case EHOSTUNREACH -> "No route to host";
            default -> "Unknown error " + Math.abs(err);
        };
    }
}
