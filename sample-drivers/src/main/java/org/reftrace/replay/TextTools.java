package org.reftrace.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.reftrace.replay.shell.Shell;

/**
 * The text tools scripts put after {@code ip ... show} to pick a value out: {@code sort} ({@code -n -r -u}),
 * {@code uniq} ({@code -c -d -u}), {@code cut} ({@code -d D -f LIST}, {@code -c LIST}), {@code tr} ({@code SET1
 * SET2}, {@code -d}, {@code -s}, ranges) and the one-line {@code awk} programs that print fields
 * ({@code awk [-F SEP] '[/RE/|NR==N|$N=="x"] {print $A, $B}'}). Another {@code awk} program is skipped (no output,
 * status 0): {@link #awkUnderstood} says which. None changes the model.
 */
final class TextTools {
    private static final Pattern AWK = Pattern.compile(
            "\\s*(?:(/(?<re>(?:[^/\\\\]|\\\\.)*)/)|NR\\s*==\\s*(?<nr>\\d+)|\\$(?<fld>\\d+)\\s*==\\s*\"(?<val>[^\"]*)\")?"
                    + "\\s*\\{\\s*print(?<args>(?:\\s+[^;}]*)?)\\s*;?\\s*}\\s*");

    private final Replayer replayer;

    TextTools(Replayer replayer) {
        this.replayer = replayer;
    }

    int run(String name, List<String> args, Shell.Frame frame) {
        return switch (name) {
            case "sort" -> sort(args, frame);
            case "uniq" -> uniq(args, frame);
            case "cut" -> cut(args, frame);
            case "tr" -> tr(args, frame);
            default -> awk(args, frame);
        };
    }

    private String input(List<String> files, Shell.Frame frame) {
        if (files.isEmpty()) {
            return frame.io().in();
        }
        StringBuilder all = new StringBuilder();
        for (String f : files) {
            String text = f.equals("-") ? frame.io().in() : replayer.read(f, frame);
            if (text != null) {
                all.append(text);
            }
        }
        return all.toString();
    }

    private static void print(List<String> lines, Shell.Frame frame) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        frame.io().out().write(out.toString());
    }

    private int sort(List<String> args, Shell.Frame frame) {
        boolean numeric = false;
        boolean reverse = false;
        boolean unique = false;
        int key = 0;
        String sep = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-k") || a.startsWith("-t")) {
                String v = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : "";
                if (a.startsWith("-t")) {
                    sep = v;
                } else {
                    String field = v.split("[,.]")[0].replaceAll("\\D.*", "");
                    key = field.isEmpty() ? 0 : Integer.parseInt(field);
                    numeric |= v.contains("n");
                    reverse |= v.contains("r");
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                numeric |= a.contains("n") || a.contains("g") || a.contains("h") || a.contains("V");
                reverse |= a.contains("r");
                unique |= a.contains("u");
            } else {
                files.add(a);
            }
        }
        List<String> lines = new ArrayList<>(input(files, frame).lines().toList());
        int k = key;
        String sepText = sep;
        String split = sep == null || sep.isEmpty() ? "\\s+" : Pattern.quote(sep.substring(0, 1));
        java.util.function.Function<String, String> keyOf = l -> {
            if (k <= 0) {
                return l;
            }
            String[] f = (sepText == null ? l.strip() : l).split(split);
            return k <= f.length ? f[k - 1] : "";
        };
        Comparator<String> byKey = numeric ? Comparator.comparingDouble(l -> leadingNumber(keyOf.apply(l)))
                : Comparator.comparing(keyOf);
        Comparator<String> order = byKey.thenComparing(Comparator.naturalOrder());
        lines.sort(reverse ? order.reversed() : order);
        if (unique) {
            lines = lines.stream().distinct().toList();
        }
        print(lines, frame);
        return 0;
    }

    private static double leadingNumber(String s) {
        var m = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)").matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private int uniq(List<String> args, Shell.Frame frame) {
        boolean count = args.contains("-c");
        boolean onlyDup = args.contains("-d");
        boolean onlyUnique = args.contains("-u");
        List<String> files = args.stream().filter(a -> !a.startsWith("-")).toList();
        List<String> out = new ArrayList<>();
        String prev = null;
        int n = 0;
        for (String l : input(files, frame).lines().toList()) {
            if (l.equals(prev)) {
                n++;
                continue;
            }
            if (prev != null) {
                emit(out, prev, n, count, onlyDup, onlyUnique);
            }
            prev = l;
            n = 1;
        }
        if (prev != null) {
            emit(out, prev, n, count, onlyDup, onlyUnique);
        }
        print(out, frame);
        return 0;
    }

    private static void emit(List<String> out, String line, int n, boolean count, boolean onlyDup, boolean onlyUnique) {
        if (onlyDup && n < 2 || onlyUnique && n > 1) {
            return;
        }
        out.add(count ? String.format("%7d %s", n, line) : line);
    }

    private int cut(List<String> args, Shell.Frame frame) {
        String delim = "\t";
        String fields = null;
        String chars = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-d")) {
                delim = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : "\t";
            } else if (a.startsWith("-f")) {
                fields = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : "";
            } else if (a.startsWith("-c") || a.startsWith("-b")) {
                chars = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : "";
            } else if (!a.startsWith("-") || a.equals("-")) {
                files.add(a);
            }
        }
        if (fields == null && chars == null) {
            frame.io().err().println("cut: you must specify a list of bytes, characters, or fields");
            return 1;
        }
        String d = delim.isEmpty() ? "\t" : delim.substring(0, 1);
        List<String> out = new ArrayList<>();
        for (String l : input(files, frame).lines().toList()) {
            if (chars != null) {
                StringBuilder b = new StringBuilder();
                for (int c = 1; c <= l.length(); c++) {
                    if (inList(chars, c)) {
                        b.append(l.charAt(c - 1));
                    }
                }
                out.add(b.toString());
                continue;
            }
            if (!l.contains(d)) {
                out.add(l);
                continue;
            }
            String[] parts = l.split(Pattern.quote(d), -1);
            List<String> picked = new ArrayList<>();
            for (int f = 1; f <= parts.length; f++) {
                if (inList(fields, f)) {
                    picked.add(parts[f - 1]);
                }
            }
            out.add(String.join(d, picked));
        }
        print(out, frame);
        return 0;
    }

    /** Whether {@code n} is in a cut list such as {@code 1,3-4,6-}. */
    private static boolean inList(String list, int n) {
        for (String range : list.split(",")) {
            if (range.isEmpty()) {
                continue;
            }
            int dash = range.indexOf('-');
            if (dash < 0) {
                if (Integer.parseInt(range) == n) {
                    return true;
                }
                continue;
            }
            int lo = dash == 0 ? 1 : Integer.parseInt(range.substring(0, dash));
            int hi = dash == range.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(range.substring(dash + 1));
            if (n >= lo && n <= hi) {
                return true;
            }
        }
        return false;
    }

    private int tr(List<String> args, Shell.Frame frame) {
        boolean delete = false;
        boolean squeeze = false;
        List<String> sets = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1 && sets.isEmpty()) {
                delete |= a.contains("d");
                squeeze |= a.contains("s");
            } else {
                sets.add(set(a));
            }
        }
        if (sets.isEmpty()) {
            frame.io().err().println("tr: missing operand");
            return 1;
        }
        String from = sets.get(0);
        String to = sets.size() > 1 ? sets.get(1) : "";
        StringBuilder out = new StringBuilder();
        char last = 0;
        for (char c : frame.io().in().toCharArray()) {
            int at = from.indexOf(c);
            if (at >= 0 && delete) {
                continue;
            }
            char r = at >= 0 && !to.isEmpty() ? to.charAt(Math.min(at, to.length() - 1)) : c;
            String squeezed = to.isEmpty() ? from : to;
            if (squeeze && !out.isEmpty() && r == last && squeezed.indexOf(r) >= 0) {
                continue;
            }
            out.append(r);
            last = r;
        }
        frame.io().out().write(out.toString());
        return 0;
    }

    /** A tr set: ranges ({@code a-z}), escapes ({@code \n}) and classes ({@code [:upper:]}) spelled out. */
    private static String set(String spec) {
        String s = spec.replace("[:upper:]", "A-Z").replace("[:lower:]", "a-z").replace("[:digit:]", "0-9")
                .replace("[:space:]", " \t\n\r").replace("[:alpha:]", "A-Za-z").replace("[:alnum:]", "A-Za-z0-9")
                .replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i + 2 < s.length() && s.charAt(i + 1) == '-' && s.charAt(i) <= s.charAt(i + 2)) {
                for (char c = s.charAt(i); c <= s.charAt(i + 2); c++) {
                    out.append(c);
                }
                i += 2;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /** Whether {@code awk} runs this program here (else it is skipped). */
    static boolean awkUnderstood(List<String> args) {
        String program = awkProgram(args);
        return program != null && AWK.matcher(program).matches();
    }

    private static String awkProgram(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-F") || a.equals("-v")) {
                i++;
            } else if (!a.startsWith("-F") && !a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private int awk(List<String> args, Shell.Frame frame) {
        String sep = null;
        String program = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-F") && i + 1 < args.size()) {
                sep = args.get(++i);
            } else if (a.startsWith("-F")) {
                sep = a.substring(2);
            } else if (a.equals("-v")) {
                i++;
            } else if (program == null) {
                program = a;
            } else {
                files.add(a);
            }
        }
        var m = AWK.matcher(program == null ? "" : program);
        if (!m.matches()) {
            return 0;
        }
        Pattern re;
        try {
            re = m.group("re") == null ? null : Pattern.compile(m.group("re").replace("\\/", "/"));
        } catch (PatternSyntaxException e) {
            frame.io().err().println("awk: syntax error in regular expression " + m.group("re"));
            return 2;
        }
        Integer nr = m.group("nr") == null ? null : Integer.parseInt(m.group("nr"));
        Integer fieldTest = m.group("fld") == null ? null : Integer.parseInt(m.group("fld"));
        String fieldValue = m.group("val");
        List<String> printArgs = new ArrayList<>();
        String argText = m.group("args").strip();
        boolean comma = argText.contains(",");
        for (String p : argText.split(comma ? "\\s*,\\s*" : "\\s+")) {
            if (!p.isEmpty()) {
                printArgs.add(p);
            }
        }
        String splitOn = sep == null || sep.equals(" ") ? "\\s+" : sep.length() == 1 ? Pattern.quote(sep) : sep;
        List<String> out = new ArrayList<>();
        int line = 0;
        for (String l : input(files, frame).lines().toList()) {
            line++;
            String[] f = (sep == null || sep.equals(" ") ? l.strip() : l).split(splitOn, -1);
            if (re != null && !re.matcher(l).find() || nr != null && nr != line
                    || fieldTest != null && !fieldValue.equals(field(f, l, fieldTest))) {
                continue;
            }
            if (printArgs.isEmpty()) {
                out.add(l);
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String p : printArgs) {
                if (p.matches("\\$\\d+")) {
                    values.add(field(f, l, Integer.parseInt(p.substring(1))));
                } else if (p.equals("$NF")) {
                    values.add(f.length == 0 ? "" : f[f.length - 1]);
                } else if (p.equals("NR")) {
                    values.add(Integer.toString(line));
                } else if (p.equals("NF")) {
                    values.add(Integer.toString(l.isBlank() ? 0 : f.length));
                } else if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                    values.add(p.substring(1, p.length() - 1));
                } else {
                    values.add("");
                }
            }
            out.add(String.join(comma ? " " : "", values));
        }
        print(out, frame);
        return 0;
    }

    private static String field(String[] f, String line, int n) {
        if (n == 0) {
            return line;
        }
        return n <= f.length && !(f.length == 1 && f[0].isEmpty()) ? f[n - 1] : "";
    }
}
