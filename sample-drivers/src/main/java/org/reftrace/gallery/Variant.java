package org.reftrace.gallery;

/** Which side of the fix a scenario runs on. */
public enum Variant {
    /** The code (and, where the bug lived in the core, the core's quirks) from before the fix. */
    BUGGY,
    /** The code as fixed; always ends clean. */
    FIXED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Variant parse(String text) {
        for (Variant v : values()) {
            if (v.label().equals(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + text + "' (expected: buggy or fixed)");
    }
}
