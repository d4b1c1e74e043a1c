package org.reftrace.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.reftrace.replay.shell.Shell;

/**
 * {@code jq} over what {@code ip -j} prints, for the selftests that pick values out of it
 * ({@code ip -j link show dev X | jq -r '.[].master'}, {@code jq -e '.[] | select(.ifname == "x")'}). Filters:
 * {@code .}, {@code .name}, {@code ."name"}, {@code .["name"]}, {@code .[N]}, {@code .[]}, {@code ?}, {@code |},
 * {@code ,}, parentheses, literals, {@code == != < <= > >=}, {@code and}, {@code or}, {@code not},
 * {@code select(f)}, {@code map(f)}, {@code length}, {@code keys}, {@code has(k)}, {@code first}, {@code last},
 * {@code tostring}, {@code tonumber}, {@code empty}, {@code $name} ({@code --arg}). Options {@code -r -j -e -c -n
 * -M -S --arg NAME VALUE}. A filter beyond these is an error (exit 3), as jq's own compile errors are.
 */
final class Jq {
    /** jq's {@code null}, as a value (Java's null is "no value"). */
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final class JqError extends RuntimeException {
        JqError(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, Object> vars = new LinkedHashMap<>();

    int run(List<String> args, Shell.Frame frame) {
        boolean raw = false;
        boolean join = false;
        boolean exitStatus = false;
        boolean compact = false;
        boolean nullInput = false;
        String filter = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--arg") && i + 2 < args.size()) {
                vars.put(args.get(i + 1), args.get(i + 2));
                i += 2;
            } else if (a.equals("--argjson") && i + 2 < args.size()) {
                vars.put(args.get(i + 1), new Json(args.get(i + 2)).value());
                i += 2;
            } else if (a.startsWith("--")) {
                raw |= a.equals("--raw-output");
                exitStatus |= a.equals("--exit-status");
                compact |= a.equals("--compact-output");
                nullInput |= a.equals("--null-input");
            } else if (a.startsWith("-") && a.length() > 1 && filter == null) {
                raw |= a.contains("r") || a.contains("j");
                join |= a.contains("j");
                exitStatus |= a.contains("e");
                compact |= a.contains("c");
                nullInput |= a.contains("n");
            } else if (filter == null) {
                filter = a;
            } else {
                files.add(a);
            }
        }
        if (filter == null) {
            filter = ".";
        }
        Node program;
        try {
            program = new Parser(filter).parse();
        } catch (JqError e) {
            frame.io().err().println("jq: error: " + e.getMessage() + "\njq: 1 compile error");
            return 3;
        }
        List<Object> inputs = new ArrayList<>();
        try {
            if (nullInput) {
                inputs.add(NULL);
            } else {
                String text = frame.io().in();
                Json json = new Json(text);
                while (json.more()) {
                    inputs.add(json.value());
                }
            }
        } catch (JqError e) {
            frame.io().err().println("jq: error (at <stdin>:0): " + e.getMessage());
            return 2;
        }
        StringBuilder out = new StringBuilder();
        Object last = null;
        try {
            for (Object input : inputs) {
                for (Object v : program.eval(input)) {
                    last = v;
                    out.append(raw && v instanceof String s ? s : write(v, compact, 0));
                    if (!join) {
                        out.append('\n');
                    }
                }
            }
        } catch (JqError e) {
            frame.io().out().write(out.toString());
            frame.io().err().println("jq: error (at <stdin>:0): " + e.getMessage());
            return 5;
        }
        frame.io().out().write(out.toString());
        if (exitStatus) {
            return last == null ? 4 : last == NULL || Boolean.FALSE.equals(last) ? 1 : 0;
        }
        return 0;
    }

    // ---- values ----

    private static boolean truthy(Object v) {
        return v != NULL && !Boolean.FALSE.equals(v);
    }

    private static String write(Object v, boolean compact, int indent) {
        if (v == NULL) {
            return "null";
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e17 ? Long.toString(d.longValue()) : d.toString();
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        String pad = compact ? "" : "  ".repeat(indent + 1);
        String end = compact ? "" : "\n" + "  ".repeat(indent);
        String nl = compact ? "" : "\n";
        StringBuilder out = new StringBuilder();
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            out.append('[').append(nl);
            for (int i = 0; i < list.size(); i++) {
                out.append(pad).append(write(list.get(i), compact, indent + 1)).append(i + 1 < list.size() ? "," : "")
                        .append(i + 1 < list.size() ? nl : "");
            }
            return out.append(end).append(']').toString();
        }
        Map<?, ?> map = (Map<?, ?>) v;
        if (map.isEmpty()) {
            return "{}";
        }
        out.append('{').append(nl);
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append(pad).append(quote((String) e.getKey())).append(compact ? ":" : ": ")
                    .append(write(e.getValue(), compact, indent + 1)).append(++i < map.size() ? "," + nl : "");
        }
        return out.append(end).append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return Objects.equals(a, b) ? 0 : write(a, true, 0).compareTo(write(b, true, 0));
    }

    private static int rank(Object v) {
        return v == NULL ? 0 : Boolean.FALSE.equals(v) ? 1 : Boolean.TRUE.equals(v) ? 2 : v instanceof Double ? 3
                : v instanceof String ? 4 : v instanceof List ? 5 : 6;
    }

    private static String typeName(Object v) {
        return v == NULL ? "null" : v instanceof Boolean ? "boolean" : v instanceof Double ? "number"
                : v instanceof String ? "string" : v instanceof List ? "array" : "object";
    }

    // ---- filters ----

    private interface Node {
        List<Object> eval(Object input);
    }

    private final class Parser {
        private final String src;
        private int pos;

        Parser(String src) {
            this.src = src;
        }

        Node parse() {
            Node n = pipe();
            skip();
            if (pos < src.length()) {
                throw new JqError("syntax error, unexpected '" + src.substring(pos) + "'");
            }
            return n;
        }

        private void skip() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }

        private boolean eat(String token) {
            skip();
            if (src.startsWith(token, pos)) {
                boolean word = Character.isLetter(token.charAt(0));
                int after = pos + token.length();
                if (word && after < src.length() && (Character.isLetterOrDigit(src.charAt(after))
                        || src.charAt(after) == '_')) {
                    return false;
                }
                pos = after;
                return true;
            }
            return false;
        }

        private Node pipe() {
            Node left = comma();
            while (eat("|")) {
                Node l = left;
                Node r = comma();
                left = in -> {
                    List<Object> out = new ArrayList<>();
                    for (Object v : l.eval(in)) {
                        out.addAll(r.eval(v));
                    }
                    return out;
                };
            }
            return left;
        }

        private Node comma() {
            Node left = or();
            while (eat(",")) {
                Node l = left;
                Node r = or();
                left = in -> {
                    List<Object> out = new ArrayList<>(l.eval(in));
                    out.addAll(r.eval(in));
                    return out;
                };
            }
            return left;
        }

        private Node or() {
            Node left = and();
            while (eat("or")) {
                Node l = left;
                Node r = and();
                left = in -> product(l, r, in, (a, b) -> truthy(a) || truthy(b));
            }
            return left;
        }

        private Node and() {
            Node left = comparison();
            while (eat("and")) {
                Node l = left;
                Node r = comparison();
                left = in -> product(l, r, in, (a, b) -> truthy(a) && truthy(b));
            }
            return left;
        }

        private Node comparison() {
            Node left = postfix();
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (eat(op)) {
                    Node l = left;
                    Node r = postfix();
                    return in -> product(l, r, in, (a, b) -> {
                        int c = compare(a, b);
                        return switch (op) {
                            case "==" -> c == 0;
                            case "!=" -> c != 0;
                            case "<=" -> c <= 0;
                            case ">=" -> c >= 0;
                            case "<" -> c < 0;
                            default -> c > 0;
                        };
                    });
                }
            }
            return left;
        }

        private List<Object> product(Node l, Node r, Object in, java.util.function.BiPredicate<Object, Object> f) {
            List<Object> out = new ArrayList<>();
            for (Object b : r.eval(in)) {
                for (Object a : l.eval(in)) {
                    out.add(f.test(a, b));
                }
            }
            return out;
        }

        private Node postfix() {
            Node n = term();
            while (true) {
                skip();
                if (pos < src.length() && src.charAt(pos) == '.' && !src.startsWith("..", pos)) {
                    pos++;
                    Node base = n;
                    Node access = access();
                    n = in -> {
                        List<Object> out = new ArrayList<>();
                        for (Object v : base.eval(in)) {
                            out.addAll(access.eval(v));
                        }
                        return out;
                    };
                } else if (pos < src.length() && src.charAt(pos) == '[') {
                    Node base = n;
                    Node index = bracket();
                    n = in -> {
                        List<Object> out = new ArrayList<>();
                        for (Object v : base.eval(in)) {
                            out.addAll(index.eval(v));
                        }
                        return out;
                    };
                } else if (eat("?")) {
                    Node base = n;
                    n = in -> {
                        try {
                            return base.eval(in);
                        } catch (JqError e) {
                            return List.of();
                        }
                    };
                } else {
                    return n;
                }
            }
        }

        /** After a '.': a name, a quoted name, a bracket, or nothing (identity). */
        private Node access() {
            if (pos < src.length() && src.charAt(pos) == '"') {
                String key = string();
                return in -> List.of(field(in, key));
            }
            if (pos < src.length() && src.charAt(pos) == '[') {
                return bracket();
            }
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                return List::of;
            }
            String key = src.substring(start, pos);
            return in -> List.of(field(in, key));
        }

        private Node bracket() {
            pos++; // '['
            skip();
            if (eat("]")) {
                return in -> {
                    if (in instanceof List<?> l) {
                        return new ArrayList<>(l);
                    }
                    if (in instanceof Map<?, ?> m) {
                        return new ArrayList<>(m.values());
                    }
                    throw new JqError("Cannot iterate over " + typeName(in));
                };
            }
            Node index = pipe();
            if (!eat("]")) {
                throw new JqError("syntax error, expected ']'");
            }
            return in -> {
                List<Object> out = new ArrayList<>();
                for (Object k : index.eval(in)) {
                    if (k instanceof String s) {
                        out.add(field(in, s));
                    } else if (k instanceof Double d) {
                        if (in == NULL) {
                            out.add(NULL);
                        } else if (in instanceof List<?> l) {
                            int i = d.intValue() < 0 ? l.size() + d.intValue() : d.intValue();
                            out.add(i >= 0 && i < l.size() ? l.get(i) : NULL);
                        } else {
                            throw new JqError("Cannot index " + typeName(in) + " with number");
                        }
                    } else {
                        throw new JqError("Cannot index " + typeName(in) + " with " + typeName(k));
                    }
                }
                return out;
            };
        }

        private Object field(Object in, String key) {
            if (in == NULL) {
                return NULL;
            }
            if (in instanceof Map<?, ?> m) {
                Object v = m.get(key);
                return v == null ? NULL : v;
            }
            throw new JqError("Cannot index " + typeName(in) + " with \"" + key + "\"");
        }

        private Node term() {
            skip();
            if (pos >= src.length()) {
                throw new JqError("syntax error, unexpected end of filter");
            }
            char c = src.charAt(pos);
            if (c == '.') {
                pos++;
                if (pos < src.length() && src.charAt(pos) == '.') {
                    throw new JqError("'..' is not supported here");
                }
                return access();
            }
            if (c == '"') {
                String s = string();
                return in -> List.of(s);
            }
            if (c == '(') {
                pos++;
                Node inner = pipe();
                if (!eat(")")) {
                    throw new JqError("syntax error, expected ')'");
                }
                return inner;
            }
            if (c == '$') {
                pos++;
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                String name = src.substring(start, pos);
                if (!vars.containsKey(name)) {
                    throw new JqError("$" + name + " is not defined");
                }
                Object v = vars.get(name);
                return in -> List.of(v);
            }
            if (Character.isDigit(c) || c == '-') {
                int start = pos++;
                while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                    pos++;
                }
                double d = Double.parseDouble(src.substring(start, pos));
                return in -> List.of(d);
            }
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            String word = src.substring(start, pos);
            switch (word) {
                case "null":
                    return in -> List.of(NULL);
                case "true":
                    return in -> List.of(Boolean.TRUE);
                case "false":
                    return in -> List.of(Boolean.FALSE);
                case "empty":
                    return in -> List.of();
                case "not":
                    return in -> List.of(!truthy(in));
                case "length":
                    return in -> List.of(length(in));
                case "keys":
                    return in -> {
                        if (!(in instanceof Map<?, ?> m)) {
                            throw new JqError(typeName(in) + " has no keys");
                        }
                        return List.of(new ArrayList<Object>(new java.util.TreeSet<>(
                                m.keySet().stream().map(k -> (String) k).toList())));
                    };
                case "first":
                    return in -> List.of(in instanceof List<?> l && !l.isEmpty() ? l.get(0) : NULL);
                case "last":
                    return in -> List.of(in instanceof List<?> l && !l.isEmpty() ? l.get(l.size() - 1) : NULL);
                case "tostring":
                    return in -> List.of(in instanceof String s ? s : write(in, true, 0));
                case "tonumber":
                    return in -> List.of(in instanceof Double ? in : Double.parseDouble(String.valueOf(in)));
                case "select", "map", "has":
                    if (!eat("(")) {
                        throw new JqError(word + "/0 is not defined");
                    }
                    Node arg = pipe();
                    if (!eat(")")) {
                        throw new JqError("syntax error, expected ')'");
                    }
                    return switch (word) {
                        case "select" -> in -> {
                            List<Object> out = new ArrayList<>();
                            for (Object v : arg.eval(in)) {
                                if (truthy(v)) {
                                    out.add(in);
                                }
                            }
                            return out;
                        };
                        case "map" -> in -> {
                            if (!(in instanceof List<?> l)) {
                                throw new JqError("Cannot iterate over " + typeName(in));
                            }
                            List<Object> out = new ArrayList<>();
                            for (Object v : l) {
                                out.addAll(arg.eval(v));
                            }
                            return List.of(out);
                        };
                        default -> in -> {
                            List<Object> out = new ArrayList<>();
                            for (Object k : arg.eval(in)) {
                                out.add(in instanceof Map<?, ?> m && k instanceof String s ? m.containsKey(s)
                                        : in instanceof List<?> l && k instanceof Double d && d >= 0 && d < l.size());
                            }
                            return out;
                        };
                    };
                default:
                    throw new JqError((word.isEmpty() ? "'" + c + "'" : word + "/0") + " is not supported by the "
                            + "replay's jq");
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            pos++; // opening quote
            while (pos < src.length() && src.charAt(pos) != '"') {
                char c = src.charAt(pos++);
                if (c == '\\' && pos < src.length()) {
                    char n = src.charAt(pos++);
                    out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
                } else {
                    out.append(c);
                }
            }
            if (pos >= src.length()) {
                throw new JqError("unterminated string");
            }
            pos++;
            return out.toString();
        }
    }

    private static double length(Object v) {
        if (v == NULL) {
            return 0;
        }
        if (v instanceof String s) {
            return s.length();
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v instanceof Double d) {
            return Math.abs(d);
        }
        throw new JqError("boolean has no length");
    }

    // ---- JSON input ----

    private static final class Json {
        private final String s;
        private int pos;

        Json(String s) {
            this.s = s;
        }

        boolean more() {
            skip();
            return pos < s.length();
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Object value() {
            skip();
            if (pos >= s.length()) {
                throw new JqError("unexpected end of input");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    skip();
                    if (s.charAt(pos) == '}') {
                        pos++;
                        return map;
                    }
                    while (true) {
                        skip();
                        Object key = value();
                        if (!(key instanceof String k)) {
                            throw new JqError("object keys must be strings");
                        }
                        skip();
                        expect(':');
                        map.put(k, value());
                        skip();
                        if (s.charAt(pos) == ',') {
                            pos++;
                            continue;
                        }
                        expect('}');
                        return map;
                    }
                }
                case '[': {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    skip();
                    if (s.charAt(pos) == ']') {
                        pos++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        skip();
                        if (s.charAt(pos) == ',') {
                            pos++;
                            continue;
                        }
                        expect(']');
                        return list;
                    }
                }
                case '"': {
                    StringBuilder out = new StringBuilder();
                    pos++;
                    while (pos < s.length() && s.charAt(pos) != '"') {
                        char ch = s.charAt(pos++);
                        if (ch == '\\' && pos < s.length()) {
                            char n = s.charAt(pos++);
                            switch (n) {
                                case 'n' -> out.append('\n');
                                case 't' -> out.append('\t');
                                case 'u' -> {
                                    out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                                    pos += 4;
                                }
                                default -> out.append(n);
                            }
                        } else {
                            out.append(ch);
                        }
                    }
                    pos++;
                    return out.toString();
                }
                default:
                    if (s.startsWith("true", pos)) {
                        pos += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", pos)) {
                        pos += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", pos)) {
                        pos += 4;
                        return NULL;
                    }
                    int start = pos;
                    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                        pos++;
                    }
                    if (start == pos) {
                        throw new JqError("Invalid literal at position " + pos);
                    }
                    return Double.parseDouble(s.substring(start, pos));
            }
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new JqError("expected '" + c + "' at position " + pos);
            }
            pos++;
        }
    }
}
