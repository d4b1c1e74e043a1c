package org.reftrace.agent.profile;

import java.util.Locale;

/**
 * When a call did what its role says: a hold whose call throws is not a hold, a {@code tryIncRef()} that returns
 * {@code false} took nothing, a registration that returns an error registered nothing. In a profile file:
 * {@code when=returns-true}.
 */
public enum Success {
    /** It returned without throwing (the default). */
    RETURNS,
    /** It returned {@code true}. */
    RETURNS_TRUE,
    /** It returned 0 (an errno-style result). */
    RETURNS_ZERO,
    /** It returned something other than {@code null}. */
    RETURNS_NONNULL;

    /** Whether a call that returned {@code result} (boxed; {@code null} for void) and threw {@code thrown} succeeded. */
    public boolean test(Object result, Throwable thrown) {
        if (thrown != null) {
            return false;
        }
        // compared, not switched on: an enum switch reads a synthetic array on every call, and wherever the
        // garbage collector puts that array, it may share a cache line with another thread's busiest fields
        if (this == RETURNS) {
            return true;
        }
        if (this == RETURNS_TRUE) {
            return Boolean.TRUE.equals(result);
        }
        if (this == RETURNS_ZERO) {
            return result instanceof Number n && n.longValue() == 0;
        }
        return result != null;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Success ofKey(String key) {
        for (Success s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }
}
