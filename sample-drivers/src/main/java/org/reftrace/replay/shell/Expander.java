package org.reftrace.replay.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word expansion ({@code 2.6} of the POSIX shell): parameters (with bash's operators), command substitution,
 * arithmetic, field splitting of unquoted results on {@code IFS}, quote removal. {@code "$@"} and
 * {@code "${array[@]}"} keep one field per element. There is no pathname expansion: a {@code *} stays as written.
 *
 * <p>Not thread-safe; used by one {@link Shell}.
 */
final class Expander {
    /** One piece of an expanded word: text and whether it may be split; {@code null} text marks a field break. */
    private record Piece(String text, boolean quoted) {
        static final Piece BREAK = new Piece(null, true);
    }

    private final Shell shell;

    Expander(Shell shell) {
        this.shell = shell;
    }

    /** Expands words into fields: split, quotes removed. */
    List<String> fields(List<Word> words, Shell.Frame frame) {
        List<String> out = new ArrayList<>();
        for (Word w : words) {
            out.addAll(fields(w, frame));
        }
        return out;
    }

    List<String> fields(Word word, Shell.Frame frame) {
        List<Piece> pieces = expand(word, frame, false);
        return split(pieces, shell.ifs());
    }

    /** Expands one word without splitting (assignments, redirection targets, {@code case}, {@code [[ ]]}). */
    String string(Word word, Shell.Frame frame) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Piece p : expand(word, frame, false)) {
            if (p.text == null) {
                if (!first) {
                    out.append(' ');
                }
                continue;
            }
            out.append(p.text);
            first = false;
        }
        return out.toString();
    }

    /** Expands a pattern: quoted characters are escaped so that they match only themselves. */
    String pattern(Word word, Shell.Frame frame) {
        StringBuilder out = new StringBuilder();
        for (Piece p : expand(word, frame, false)) {
            if (p.text == null) {
                continue;
            }
            if (p.quoted) {
                for (char c : p.text.toCharArray()) {
                    if ("*?[]\\".indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            } else {
                out.append(p.text);
            }
        }
        return out.toString();
    }

    private List<Piece> expand(Word word, Shell.Frame frame, boolean forceQuoted) {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < word.parts().size(); i++) {
            Word.Part part = word.parts().get(i);
            boolean quoted = part.quoted() || forceQuoted;
            if (part instanceof Word.Lit lit) {
                String text = lit.text();
                if (i == 0 && !quoted && (text.equals("~") || text.startsWith("~/"))) {
                    text = "/root" + text.substring(1);
                }
                pieces.add(new Piece(text, quoted));
            } else if (part instanceof Word.CommandSub sub) {
                pieces.add(new Piece(shell.commandSubstitution(sub.script(), sub.line(), frame), quoted));
            } else if (part instanceof Word.Arith arith) {
                String expr = string(Lexer2.asDoubleQuoted(arith.expression()), frame);
                pieces.add(new Piece(Long.toString(shell.arith(expr, frame)), quoted));
            } else if (part instanceof Word.Param param) {
                param(param, quoted, frame, pieces);
            }
        }
        return pieces;
    }

    private void param(Word.Param p, boolean quoted, Shell.Frame frame, List<Piece> pieces) {
        String name = p.name();
        if (p.indirect() && p.op() == null && p.index() == null) {
            String target = shell.scalar(name);
            name = target == null ? "" : target;
        }
        boolean multi = name.equals("@") || name.equals("*") || "@".equals(p.index()) || "*".equals(p.index());
        boolean keys = p.indirect() && multi && p.index() != null;
        List<String> values = keys ? shell.keys(name) : multi ? shell.values(name, p.index()) : null;
        if (p.length()) {
            int n = multi ? values.size() : length(shell.value(name, p.index()));
            pieces.add(new Piece(Integer.toString(n), quoted));
            return;
        }
        if (multi && p.op() == null) {
            boolean star = name.equals("*") || "*".equals(p.index());
            if (quoted && !star) {
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        pieces.add(Piece.BREAK);
                    }
                    pieces.add(new Piece(values.get(i), true));
                }
                if (values.isEmpty()) {
                    pieces.add(new Piece(null, false)); // "$@" with no parameters: no field at all
                }
                return;
            }
            String sep = quoted ? (shell.ifs().isEmpty() ? "" : shell.ifs().substring(0, 1)) : " ";
            pieces.add(new Piece(String.join(sep, values), quoted));
            return;
        }
        String value = multi ? String.join(" ", values) : shell.value(name, p.index());
        String op = p.op();
        if (op == null) {
            if (value == null) {
                shell.unsetReference(name);
                value = "";
            }
            pieces.add(new Piece(value, quoted));
            return;
        }
        boolean colon = op.startsWith(":") && op.length() == 2;
        boolean unset = value == null || (colon && value.isEmpty());
        switch (op) {
            case "-", ":-" -> pieces.addAll(unset ? arg(p, frame, quoted) : List.of(new Piece(value, quoted)));
            case "=", ":=" -> {
                if (unset) {
                    String assigned = string(argWord(p), frame);
                    shell.assign(name, assigned);
                    value = assigned;
                }
                pieces.add(new Piece(value, quoted));
            }
            case "+", ":+" -> {
                if (!unset) {
                    pieces.addAll(arg(p, frame, quoted));
                }
            }
            case "?", ":?" -> {
                if (unset) {
                    String message = p.arg().isEmpty() ? "parameter null or not set" : string(argWord(p), frame);
                    frame.io().err().println(shell.scriptName() + ": " + name + ": " + message);
                    throw new Shell.ExitException(1);
                }
                pieces.add(new Piece(value, quoted));
            }
            case "#", "##" -> pieces.add(new Piece(Glob.removePrefix(orEmpty(value), patternArg(p, frame),
                    op.equals("##")), quoted));
            case "%", "%%" -> pieces.add(new Piece(Glob.removeSuffix(orEmpty(value), patternArg(p, frame),
                    op.equals("%%")), quoted));
            case "/", "//" -> {
                String arg = p.arg();
                int slash = findUnescapedSlash(arg);
                String pat = slash < 0 ? arg : arg.substring(0, slash);
                String rep = slash < 0 ? "" : arg.substring(slash + 1);
                String patExpanded = pattern(Lexer2.asWord(pat, 0), frame);
                String repExpanded = string(Lexer2.asWord(rep, 0), frame);
                pieces.add(new Piece(Glob.replace(orEmpty(value), patExpanded, repExpanded, op.equals("//")), quoted));
            }
            case ":" -> {
                String[] range = p.arg().split(":", 2);
                String v = orEmpty(value);
                long off = shell.arith(string(Lexer2.asDoubleQuoted(range[0]), frame), frame);
                if (off < 0) {
                    off = Math.max(0, v.length() + off);
                }
                int from = (int) Math.min(off, v.length());
                int to = v.length();
                if (range.length > 1) {
                    long len = shell.arith(string(Lexer2.asDoubleQuoted(range[1]), frame), frame);
                    to = len < 0 ? Math.max(from, v.length() + (int) len) : (int) Math.min(v.length(), from + len);
                }
                pieces.add(new Piece(v.substring(from, to), quoted));
            }
            case ",," -> pieces.add(new Piece(orEmpty(value).toLowerCase(Locale.ROOT), quoted));
            case "^^" -> pieces.add(new Piece(orEmpty(value).toUpperCase(Locale.ROOT), quoted));
            case "," -> pieces.add(new Piece(firstChar(orEmpty(value), false), quoted));
            case "^" -> pieces.add(new Piece(firstChar(orEmpty(value), true), quoted));
            default -> pieces.add(new Piece(orEmpty(value), quoted));
        }
    }

    private List<Piece> arg(Word.Param p, Shell.Frame frame, boolean quoted) {
        return expand(argWord(p), frame, quoted);
    }

    private static Word argWord(Word.Param p) {
        return Lexer2.asWord(p.arg(), 0);
    }

    private String patternArg(Word.Param p, Shell.Frame frame) {
        return pattern(argWord(p), frame);
    }

    private static int findUnescapedSlash(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '/') {
                return i;
            }
        }
        return -1;
    }

    private static String firstChar(String v, boolean upper) {
        if (v.isEmpty()) {
            return v;
        }
        String c = v.substring(0, 1);
        return (upper ? c.toUpperCase(Locale.ROOT) : c.toLowerCase(Locale.ROOT)) + v.substring(1);
    }

    private static int length(String v) {
        return v == null ? 0 : v.length();
    }

    private static String orEmpty(String v) {
        return v == null ? "" : v;
    }

    /** Field splitting: unquoted text splits on IFS; quoted text (even empty) makes a field. */
    private static List<String> split(List<Piece> pieces, String ifs) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean started = false;
        for (Piece p : pieces) {
            if (p == Piece.BREAK) {
                fields.add(current.toString());
                current.setLength(0);
                started = true;
                continue;
            }
            if (p.text == null) {
                continue;
            }
            if (p.quoted) {
                current.append(p.text);
                started = true;
                continue;
            }
            for (char c : p.text.toCharArray()) {
                if (ifs.indexOf(c) >= 0) {
                    if (started || !current.isEmpty()) {
                        fields.add(current.toString());
                        current.setLength(0);
                        started = false;
                    }
                } else {
                    current.append(c);
                    started = true;
                }
            }
        }
        if (started || !current.isEmpty()) {
            fields.add(current.toString());
        }
        return fields;
    }
}
