package org.reftrace.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The known names closest to a mistyped one, for "did you mean" hints. */
final class NearestNames {
    private NearestNames() {}

    /**
     * The names of {@code known} within a small edit distance of {@code given} (a third of its length, at least
     * 2: transposed, missing, extra or wrong letters), or that contain it or it contains; closest first, at most 3.
     */
    static List<String> to(String given, List<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, g.length() / 3);
        return known.stream()
                .map(name -> new Scored(name, score(g, name.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= limit)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(3).map(Scored::name).toList();
    }

    private record Scored(String name, int distance) {}

    private static int score(String given, String name) {
        if (given.length() >= 3 && (name.contains(given) || given.contains(name))) {
            return 1;
        }
        return distance(given, name);
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
