package org.reftrace.samples.lucene;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which version of {@link SearchService}'s error path the program runs. */
public enum Variant {
    /** A rejected request releases its searcher like every other one. */
    BALANCED,
    /** A rejected request returns before the {@code try}, and its searcher is never released: the leak. */
    LEAKY;

    /**
     * The variant named by a command-line argument.
     *
     * @throws IllegalArgumentException naming the value and the ones expected
     */
    public static Variant parse(String text) {
        for (Variant v : values()) {
            if (v.name().equalsIgnoreCase(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + text + "' (expected: "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or "))
                + ")");
    }
}
