package org.reftrace.agent.install;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reftrace.dump.PathTemplate;

/**
 * Parses {@code -javaagent:reftrace-agent.jar=OPTIONS}: comma-separated {@code key=value} pairs. Returns a
 * config or every error, each one line naming the option, quoting the value and saying what was expected.
 *
 * <pre>
 * profile=NAME|PATH[+...]  kernel (default: netdev, kmem and the IP stack's objects: inet), netdev, kmem, inet,
 *                          in_device, dst, sock, ... (one per IP object), netty, lucene, or a profile file
 *                          (docs/profiles.md); several joined with +
 * dump=PATH|off             the dump written at exit (default reftrace-dump-PID.json); %p: pid, %t: start time
 * dumpEvery=SECONDS         also rewrite it periodically (default 0: only at exit)
 * console=stderr|stdout|off the console report (default stderr)
 * stacks=N|all              stacks captured for the first N holds at each call site (default 16)
 * maxHolds=N                outstanding holds recorded at most (default 2000000)
 * maxProblems=N             problems recorded at most (default 10000)
 * maxGroups=N               holder groups printed per warning (default 10)
 * lingerAfter=MILLIS        report a wait's holders once it lasts this long (default 0: at the program's warning)
 * maxObjects=N              objects tracked at once at most (default 1000000)
 * </pre>
 */
public final class AgentOptions {
    static final String USAGE = "profile, dump, dumpEvery, console, stacks, maxHolds, maxProblems, maxGroups, "
            + "lingerAfter, maxObjects";

    /** A parse: a config, or the errors that prevented one. */
    public record Result(AgentConfig config, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private AgentOptions() {}

    public static Result parse(String options, long pid) {
        return parse(options, pid, Instant.now());
    }

    /** Parses {@code options}; {@code %p} and {@code %t} in {@code dump=} become {@code pid} and {@code startedAt}. */
    public static Result parse(String options, long pid, Instant startedAt) {
        String raw = options == null ? "" : options.trim();
        List<String> errors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        if (!raw.isEmpty()) {
            for (String pair : raw.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    errors.add(error(pair, "key=value"));
                    continue;
                }
                String key = pair.substring(0, eq).trim();
                if (values.put(key, pair.substring(eq + 1).trim()) != null) {
                    errors.add("reftrace: agent option '" + key + "' is given twice (expected: once)");
                }
            }
        }
        String profile = "kernel";
        Path dump = Path.of("reftrace-dump-" + pid + ".json");
        Duration dumpEvery = Duration.ZERO;
        AgentConfig.Console console = AgentConfig.Console.STDERR;
        int stacks = 16;
        int maxHolds = 2_000_000;
        int maxProblems = 10_000;
        int maxGroups = 10;
        Duration lingerAfter = Duration.ZERO;
        int maxObjects = 1_000_000;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String pair = key + "=" + value;
            switch (key) {
                case "profile" -> {
                    if (value.isEmpty()) {
                        errors.add(error(pair, String.join(", ", org.reftrace.agent.profile.Profiles.builtInNames())
                                + ", or the path of a profile file"));
                    } else {
                        profile = value;
                    }
                }
                case "dump" -> {
                    if (value.equals("off")) {
                        dump = null;
                    } else if (value.isEmpty()) {
                        errors.add(error(pair, "a file path, or off"));
                    } else {
                        try {
                            dump = Path.of(PathTemplate.expand(value, pid, startedAt));
                        } catch (PathTemplate.TemplateException ex) {
                            errors.add("reftrace: agent option '" + pair + "' is invalid: " + ex.getMessage());
                        } catch (InvalidPathException ex) {
                            errors.add(error(pair, "a file path, or off"));
                        }
                    }
                }
                case "dumpEvery" -> {
                    Integer seconds = wholeNumber(value, 0);
                    if (seconds == null) {
                        errors.add(error(pair, "a whole number of seconds >= 0"));
                    } else {
                        dumpEvery = Duration.ofSeconds(seconds);
                    }
                }
                case "console" -> {
                    try {
                        console = AgentConfig.Console.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException ex) {
                        errors.add(error(pair, "stderr, stdout or off"));
                    }
                }
                case "stacks" -> {
                    Integer n = value.equals("all") ? Integer.valueOf(AgentConfig.ALL_STACKS) : wholeNumber(value, 0);
                    if (n == null) {
                        errors.add(error(pair, "a whole number >= 0, or all"));
                    } else {
                        stacks = n;
                    }
                }
                case "maxHolds" -> maxHolds = positive(pair, value, maxHolds, errors);
                case "maxProblems" -> maxProblems = positive(pair, value, maxProblems, errors);
                case "maxGroups" -> maxGroups = positive(pair, value, maxGroups, errors);
                case "maxObjects" -> maxObjects = positive(pair, value, maxObjects, errors);
                case "lingerAfter" -> {
                    Integer millis = wholeNumber(value, 0);
                    if (millis == null) {
                        errors.add(error(pair, "a whole number of milliseconds >= 0"));
                    } else {
                        lingerAfter = Duration.ofMillis(millis);
                    }
                }
                default -> errors.add("reftrace: agent option '" + key + "' is unknown (expected one of: " + USAGE + ")");
            }
        }
        if (dump == null && !dumpEvery.isZero()) {
            errors.add("reftrace: agent option 'dumpEvery=" + values.get("dumpEvery")
                    + "' needs a dump file (expected: no dump=off with it)");
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(new AgentConfig(raw, profile, dump, dumpEvery, console, stacks, maxHolds, maxProblems,
                maxGroups, lingerAfter, maxObjects), List.of());
    }

    private static int positive(String pair, String value, int fallback, List<String> errors) {
        Integer n = wholeNumber(value, 1);
        if (n == null) {
            errors.add(error(pair, "a whole number >= 1"));
            return fallback;
        }
        return n;
    }

    private static Integer wholeNumber(String value, int min) {
        try {
            int n = Integer.parseInt(value);
            return n >= min ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String error(String pair, String expected) {
        return "reftrace: agent option '" + pair + "' is invalid (expected: " + expected + ")";
    }
}
