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
        return switch (this) {
            case RETURNS -> true;
            case RETURNS_TRUE -> Boolean.TRUE.equals(result);
            case RETURNS_ZERO -> result instanceof Number n && n.longValue() == 0;
            case RETURNS_NONNULL -> result != null;
        };
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
