package org.reftrace.samples.netty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Problem;

/**
 * A dump's problems grouped by type and site (issue 14's grouping), for assertions and for their messages: a
 * failing test says what the agent reported, not only that it was wrong. A version 2 dump's own groups are used
 * when it has them (they count problems beyond those listed); otherwise the listed problems are grouped here.
 */
final class Census {
    private Census() {}

    /** {@code type site} of one problem. */
    static String key(Problem p) {
        return p.type() + " " + p.site();
    }

    /** Groups (key: {@code type site}) in the dump's order, with their sizes. */
    static Map<String, Long> groups(Dump dump) {
        if (!dump.problemGroups().isEmpty()) {
            Map<String, Long> groups = new LinkedHashMap<>();
            dump.problemGroups().forEach(g -> groups.merge(g.type() + " " + g.site(), g.count(), Long::sum));
            return groups;
        }
        return dump.problems().stream()
                .collect(Collectors.groupingBy(Census::key, LinkedHashMap::new, Collectors.counting()));
    }

    /** Summary, health and every group, one a line. */
    static String describe(Dump dump) {
        StringBuilder text = new StringBuilder().append(dump.summary()).append('\n').append(dump.health()).append('\n');
        groups(dump).forEach((key, n) -> text.append(n).append(" x ").append(key).append('\n'));
        return text.toString();
    }

    /** The 1-based line of the one line of {@code source} (under src/main/java) that contains {@code marker}. */
    static int line(String source, String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("reftrace.sources"), source));
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                if (found >= 0) {
                    throw new IllegalStateException("'" + marker + "' is on more than one line of " + source);
                }
                found = i + 1;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("'" + marker + "' is on no line of " + source);
        }
        return found;
    }
}
