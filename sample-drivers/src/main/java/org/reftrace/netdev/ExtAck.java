package org.reftrace.netdev;

/**
 * {@code struct netlink_ext_ack}: the message a netlink request may return besides its errno
 * ({@code NL_SET_ERR_MSG}), which iproute2 prints as {@code Error: MESSAGE.} instead of
 * {@code RTNETLINK answers: ...}.
 *
 * <p>Model difference: the kernel passes the ext_ack down as an argument; the model keeps it per thread, the
 * requesting thread, so that drivers' signatures stay those of the other callbacks. A request clears it first
 * ({@link #clear()}) and reads it after ({@link #take()}).
 */
public final class ExtAck {
    private static final ThreadLocal<String> MESSAGE = new ThreadLocal<>();

    private ExtAck() {}

    /** {@code NL_SET_ERR_MSG(extack, msg)}: the last message set wins, as in the kernel. */
    public static void set(String message) {
        MESSAGE.set(message);
    }

    /** Forgets any message, before a new request. */
    public static void clear() {
        MESSAGE.remove();
    }

    /** The message set during the request, or {@code null}; forgets it. */
    public static String take() {
        String message = MESSAGE.get();
        MESSAGE.remove();
        return message;
    }
}
