package org.reftrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's "the reader is total", fuzzed: a seeded mutation loop over real dumps (src/test/resources/fuzz-seeds,
 * written by the agent) and real kernel logs (src/test/resources/kernel-logs), each mutant given to
 * {@code report} (or {@code kernel-log}) and to {@code diff} against a real dump (on alternate sides), through the
 * CLI in process: 2000 runs. Every one must end
 * in 0 or 1 (a page), or 2 with exactly one line on stderr; never 3 (an internal error), never a trace. The seed
 * is fixed, so a failure names a mutant that reproduces; its bytes are kept under target/ for a look.
 */
class ReaderFuzzTest {
    private static final long SEED = 0x5eed_13L;
    private static final int MUTANTS = 1000;
    private static final int RUNS_PER_MUTANT = 2;
    private static final String[] DUMPS = {"seed1.json", "seed2.json", "seed3.json"};
    private static final String[] LOGS = {"A1.txt", "A6.txt", "A8.txt", "A14.txt"};

    @TempDir
    Path dir;

    record Outcome(int exit, String err) {}

    private Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ReftraceCommand.commandLine(new Installation(dir));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Outcome(cli.execute(args), err.toString());
    }

    private byte[] resource(String path) throws Exception {
        try (var in = getClass().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyMutantOfRealDumpsAndLogsIsAPageOrOneLineExitTwo() throws Exception {
        List<byte[]> dumps = new ArrayList<>();
        for (String name : DUMPS) {
            dumps.add(resource("/fuzz-seeds/" + name));
        }
        List<byte[]> logs = new ArrayList<>();
        for (String name : LOGS) {
            logs.add(resource("/kernel-logs/" + name));
        }
        Path seedDump = dir.resolve("seed.json");
        Files.write(seedDump, dumps.get(0));
        Random random = new Random(SEED);
        Mutator mutator = new Mutator(random);
        Path page = dir.resolve("page.html");
        int pages = 0;
        int refused = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            boolean log = i % 4 == 3;
            byte[] seed = log ? logs.get(random.nextInt(logs.size())) : dumps.get(random.nextInt(dumps.size()));
            byte[] mutant = mutator.mutate(seed, log);
            Path input = dir.resolve("mutant-" + i + (log ? ".txt" : ".json"));
            Files.write(input, mutant);
            // its own command, and diff against a real dump, on one side or the other
            List<String[]> commands = List.of(
                    new String[] {log ? "kernel-log" : "report", input.toString(), "-o", page.toString()},
                    i % 2 == 0 ? new String[] {"diff", seedDump.toString(), input.toString(), "-o", page.toString()}
                            : new String[] {"diff", input.toString(), seedDump.toString(), "-o", page.toString()});
            for (String[] command : commands) {
                Files.deleteIfExists(page);
                Outcome outcome = run(command);
                String what = "mutant " + i + " (" + mutator.last() + ") to " + command[0] + ": exit " + outcome.exit()
                        + ", stderr:\n" + outcome.err();
                boolean ok = outcome.exit() >= 0 && outcome.exit() <= 2 && !outcome.err().contains("\tat ");
                if (outcome.exit() == 2) {
                    refused++;
                    ok &= outcome.err().lines().count() == 1 && outcome.err().startsWith("reftrace: ");
                } else if (!outcome.err().contains("has no leak report")) {
                    pages++;
                    ok &= Files.isRegularFile(page);
                }
                if (!ok) {
                    keep(input, mutant);
                    failures.add(what);
                }
            }
            Files.delete(input);
        }
        assertThat(failures).as("%d of %d runs failed; the first:%n%s", failures.size(), MUTANTS * RUNS_PER_MUTANT,
                String.join("\n", failures.subList(0, Math.min(20, failures.size())))).isEmpty();
        // the loop must exercise both sides: mutants that still read, and mutants refused
        assertThat(pages).isGreaterThan(MUTANTS / 10);
        assertThat(refused).isGreaterThan(MUTANTS / 10);
    }

    private static void keep(Path input, byte[] mutant) throws Exception {
        Path kept = Path.of("target", "fuzz-failures", input.getFileName().toString());
        Files.createDirectories(kept.getParent());
        Files.write(kept, mutant);
    }

    /** Mutations that aim at what breaks readers: structure, numbers, strings, bytes, ends. */
    static final class Mutator {
        private static final String[] NUMBERS = {"4294967297", "-1", "-9223372036854775808", "9223372036854775808",
                "1e999", "-1e999", "0.5", "1E3", "-0", "99999999999999999999999999", "2147483648", "-2147483649",
                "1".repeat(5000), "NaN", "Infinity"};
        private static final String[] VALUES = {"null", "true", "{}", "[]", "\"\"", "\"x\"", "[null]", "{\"a\":null}",
                "0", "\"\\u001b[2J\\u0000\"", "[[[[[[[[[[[[]]]]]]]]]]]]"};
        private final Random random;
        private String last = "";

        Mutator(Random random) {
            this.random = random;
        }

        String last() {
            return last;
        }

        byte[] mutate(byte[] seed, boolean log) {
            String text = new String(seed, StandardCharsets.ISO_8859_1);
            int kind = random.nextInt(log ? 8 : 12);
            String result = switch (kind) {
                case 0 -> flipBytes(text);
                case 1 -> truncate(text);
                case 2 -> insertBytes(text);
                case 3 -> duplicateSlice(text);
                case 4 -> deleteSlice(text);
                case 5 -> text + garbage();
                case 6 -> randomBytes();
                case 7 -> log ? text.replace("\n", random.nextBoolean() ? "\r" : "\r\n\u0000") : replaceValue(text);
                case 8 -> replaceNumber(text);
                case 9 -> replaceValue(text);
                case 10 -> nest(text);
                default -> longString(text);
            };
            last = switch (kind) {
                case 0 -> "flipped bytes";
                case 1 -> "truncated";
                case 2 -> "inserted bytes";
                case 3 -> "duplicated slice";
                case 4 -> "deleted slice";
                case 5 -> "trailing garbage";
                case 6 -> "random bytes";
                case 7 -> log ? "line ends" : "replaced value";
                case 8 -> "replaced number";
                case 9 -> "replaced value";
                case 10 -> "deep nesting";
                default -> "long string";
            };
            return result.getBytes(StandardCharsets.ISO_8859_1);
        }

        private int at(String text) {
            return text.isEmpty() ? 0 : random.nextInt(text.length());
        }

        private String flipBytes(String text) {
            char[] c = text.toCharArray();
            for (int n = 1 + random.nextInt(8); n > 0 && c.length > 0; n--) {
                c[random.nextInt(c.length)] = (char) random.nextInt(256);
            }
            return new String(c);
        }

        private String truncate(String text) {
            return text.substring(0, at(text));
        }

        private String insertBytes(String text) {
            int i = at(text);
            StringBuilder b = new StringBuilder();
            for (int n = 1 + random.nextInt(16); n > 0; n--) {
                b.append((char) random.nextInt(256));
            }
            return text.substring(0, i) + b + text.substring(i);
        }

        private String duplicateSlice(String text) {
            int i = at(text);
            int j = Math.min(text.length(), i + random.nextInt(400));
            return text.substring(0, j) + text.substring(i, j) + text.substring(j);
        }

        private String deleteSlice(String text) {
            int i = at(text);
            int j = Math.min(text.length(), i + random.nextInt(200));
            return text.substring(0, i) + text.substring(j);
        }

        private String garbage() {
            String[] tails = {"x", "}", "{}", " [1]", "\u0000", "\"", ",", " {\"format\":\"reftrace-dump\"}"};
            return tails[random.nextInt(tails.length)];
        }

        private String randomBytes() {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(2000); n > 0; n--) {
                b.append((char) random.nextInt(256));
            }
            return b.toString();
        }

        /** Replaces one JSON number (a digit run after ':' or '[' or ',') with an extreme one. */
        private String replaceNumber(String text) {
            List<int[]> spans = new ArrayList<>();
            var m = java.util.regex.Pattern.compile("(?<=[:\\[,])-?\\d+(\\.\\d+)?").matcher(text);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            if (spans.isEmpty()) {
                return text;
            }
            int[] s = spans.get(random.nextInt(spans.size()));
            return text.substring(0, s[0]) + NUMBERS[random.nextInt(NUMBERS.length)] + text.substring(s[1]);
        }

        /** Replaces the value of one field ("name": VALUE up to the next , or }) with another shape. */
        private String replaceValue(String text) {
            List<int[]> spans = new ArrayList<>();
            var m = java.util.regex.Pattern.compile("\":(\"(\\\\.|[^\"\\\\])*\"|-?[\\d.eE+-]+|true|false|null)").matcher(text);
            while (m.find()) {
                spans.add(new int[] {m.start() + 2, m.end()});
            }
            if (spans.isEmpty()) {
                return text;
            }
            int[] s = spans.get(random.nextInt(spans.size()));
            return text.substring(0, s[0]) + VALUES[random.nextInt(VALUES.length)] + text.substring(s[1]);
        }

        private String nest(String text) {
            int depth = 60 + random.nextInt(1100);
            String open = random.nextBoolean() ? "[".repeat(depth) : "{\"a\":".repeat(depth);
            String close = open.startsWith("[") ? "]".repeat(depth) : "}".repeat(depth);
            int i = text.indexOf("\"objects\":");
            String unknown = "\"unknownField\":" + open + "1" + close + ",";
            return i < 0 ? open + text + close : text.substring(0, i) + unknown + text.substring(i);
        }

        private String longString(String text) {
            int i = text.indexOf("\"name\":\"");
            if (i < 0) {
                return text;
            }
            int length = random.nextInt(4) == 0 ? 1_100_000 + random.nextInt(100_000) : 10_000 + random.nextInt(90_000);
            String filler = random.nextBoolean() ? "x".repeat(length) : "\\u001b".repeat(length / 6);
            return text.substring(0, i + 8) + filler + text.substring(i + 8);
        }
    }
}
