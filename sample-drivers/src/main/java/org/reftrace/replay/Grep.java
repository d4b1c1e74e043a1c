package org.reftrace.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.reftrace.replay.shell.Shell;

/**
 * {@code grep} (and {@code egrep}, {@code fgrep}) over the text a script pipes in or a file the replay answers
 * ({@code /proc/net/bonding/bond0}, {@code /sys/class/net/...}): scripts branch on it ({@code ip link show dev X |
 * grep -q LOWER_UP}), so it matches as grep does. Options: {@code -q -v -c -i -E -F -G -w -x -o -n -h -H -s -l -e
 * PATTERN -m NUM} and combinations ({@code -vq}). Patterns are POSIX basic regular expressions unless {@code -E}
 * (extended) or {@code -F} (fixed strings). Exit status 0 when a line was selected, 1 when none, 2 for an error.
 */
final class Grep {
    private final Replayer replayer;

    Grep(Replayer replayer) {
        this.replayer = replayer;
    }

    int run(String name, List<String> args, Shell.Frame frame) {
        boolean quiet = false;
        boolean invert = false;
        boolean count = false;
        boolean ignoreCase = false;
        boolean word = false;
        boolean line = false;
        boolean only = false;
        boolean numbers = false;
        boolean listFiles = false;
        int syntax = name.equals("egrep") ? 'E' : name.equals("fgrep") ? 'F' : 'G';
        long max = Long.MAX_VALUE;
        List<String> patterns = new ArrayList<>();
        List<String> files = new ArrayList<>();
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("--")) {
                switch (a) {
                    case "--quiet", "--silent" -> quiet = true;
                    case "--invert-match" -> invert = true;
                    case "--count" -> count = true;
                    case "--ignore-case" -> ignoreCase = true;
                    case "--extended-regexp" -> syntax = 'E';
                    case "--fixed-strings" -> syntax = 'F';
                    default -> {
                        if (a.startsWith("--regexp=")) {
                            patterns.add(a.substring("--regexp=".length()));
                        } else {
                            frame.io().err().println(name + ": unrecognized option '" + a + "'");
                            return 2;
                        }
                    }
                }
            } else if (options && a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    switch (c) {
                        case 'q', 's' -> quiet |= c == 'q';
                        case 'v' -> invert = true;
                        case 'c' -> count = true;
                        case 'i', 'y' -> ignoreCase = true;
                        case 'w' -> word = true;
                        case 'x' -> line = true;
                        case 'o' -> only = true;
                        case 'n' -> numbers = true;
                        case 'l' -> listFiles = true;
                        case 'h', 'H', 'a', 'I', 'z' -> { }
                        case 'E', 'F', 'G', 'P' -> syntax = c == 'P' ? 'E' : c;
                        case 'e', 'm' -> {
                            String value = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.size()
                                    ? args.get(++i) : null;
                            if (value == null) {
                                frame.io().err().println(name + ": option requires an argument -- '" + c + "'");
                                return 2;
                            }
                            if (c == 'e') {
                                patterns.add(value);
                            } else {
                                max = Long.parseLong(value);
                            }
                            k = a.length();
                        }
                        default -> {
                            frame.io().err().println(name + ": invalid option -- '" + c + "'");
                            return 2;
                        }
                    }
                }
            } else if (patterns.isEmpty() && !hasPatternOption(args)) {
                patterns.add(a);
            } else {
                files.add(a);
            }
        }
        if (patterns.isEmpty()) {
            frame.io().err().println("Usage: grep [OPTION]... PATTERNS [FILE]...");
            return 2;
        }
        List<Pattern> compiled = new ArrayList<>();
        try {
            for (String p : patterns) {
                for (String one : p.split("\n", -1)) {
                    String regex = syntax == 'F' ? Pattern.quote(one) : syntax == 'E' ? one : basicToJava(one);
                    if (word) {
                        regex = "(?<![\\w])(?:" + regex + ")(?![\\w])";
                    }
                    if (line) {
                        regex = "^(?:" + regex + ")$";
                    }
                    compiled.add(Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
                }
            }
        } catch (PatternSyntaxException e) {
            frame.io().err().println(name + ": invalid regular expression: " + e.getDescription());
            return 2;
        }
        List<String> inputs = new ArrayList<>();
        int status = 1;
        boolean missing = false;
        if (files.isEmpty()) {
            inputs.add(frame.io().in());
        } else {
            for (String f : files) {
                String text = f.equals("-") ? frame.io().in() : replayer.read(f, frame);
                if (text == null) {
                    if (!quiet) {
                        frame.io().err().println(name + ": " + f + ": No such file or directory");
                    }
                    missing = true;
                } else {
                    inputs.add(text);
                }
            }
        }
        long selected = 0;
        StringBuilder out = new StringBuilder();
        for (String text : inputs) {
            int number = 0;
            for (String l : text.lines().toList()) {
                number++;
                if (selected >= max) {
                    break;
                }
                boolean matched = compiled.stream().anyMatch(p -> p.matcher(l).find());
                if (matched == invert) {
                    continue;
                }
                selected++;
                if (only && !invert) {
                    for (Pattern p : compiled) {
                        var m = p.matcher(l);
                        while (m.find()) {
                            if (!m.group().isEmpty()) {
                                out.append(numbers ? number + ":" : "").append(m.group()).append('\n');
                            }
                        }
                    }
                } else {
                    out.append(numbers ? number + ":" : "").append(l).append('\n');
                }
            }
        }
        if (selected > 0) {
            status = 0;
        }
        if (!quiet) {
            if (count) {
                frame.io().out().println(Long.toString(selected));
            } else if (!listFiles) {
                frame.io().out().write(out.toString());
            }
        }
        return missing && !(quiet && status == 0) ? 2 : status;
    }

    private static boolean hasPatternOption(List<String> args) {
        return args.stream().anyMatch(a -> a.matches("-[a-zA-Z]*e.*") && !a.startsWith("--") || a.startsWith(
                "--regexp="));
    }

    /**
     * A POSIX basic regular expression as a Java one: {@code \( \) \{ \} \| \+ \?} are the operators and the bare
     * characters are literal; {@code *} at the start is literal; bracket expressions pass through, with their POSIX
     * classes ({@code [:digit:]}) translated.
     */
    static String basicToJava(String bre) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (c == '\\' && i + 1 < bre.length()) {
                char n = bre.charAt(++i);
                switch (n) {
                    case '(', ')', '{', '}', '|', '+', '?' -> out.append(n);
                    case '<' -> out.append("\\b(?=\\w)");
                    case '>' -> out.append("\\b(?<=\\w)");
                    default -> out.append('\\').append(n);
                }
            } else if (c == '(' || c == ')' || c == '{' || c == '}' || c == '|' || c == '+' || c == '?') {
                out.append('\\').append(c);
            } else if (c == '*' && (out.isEmpty() || out.toString().endsWith("^"))) {
                out.append("\\*");
            } else if (c == '[') {
                int end = bracketEnd(bre, i);
                String set = bre.substring(i, end + 1).replace("[:digit:]", "\\d").replace("[:space:]", "\\s")
                        .replace("[:alpha:]", "\\p{Alpha}").replace("[:alnum:]", "\\p{Alnum}")
                        .replace("[:upper:]", "\\p{Upper}").replace("[:lower:]", "\\p{Lower}")
                        .replace("[:xdigit:]", "\\p{XDigit}").replace("[:punct:]", "\\p{Punct}");
                out.append(set);
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int bracketEnd(String s, int open) {
        int i = open + 1;
        if (i < s.length() && s.charAt(i) == '^') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
        }
        while (i < s.length()) {
            if (s.startsWith("[:", i)) {
                int close = s.indexOf(":]", i + 2);
                i = close < 0 ? i + 1 : close + 2;
            } else if (s.charAt(i) == ']') {
                return i;
            } else {
                i++;
            }
        }
        return s.length() - 1;
    }
}
