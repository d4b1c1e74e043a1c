package org.reftrace.replay.shell;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Shell arithmetic ({@code $((...))}, {@code ((...))}, {@code let}): 64-bit integers with C's operators,
 * variables by name, assignment and increment operators, the ternary and comma operators.
 *
 * <p>Not thread-safe; one evaluation at a time.
 */
final class Arith {
    /** An expression the evaluator cannot make sense of. */
    static final class ArithException extends RuntimeException {
        ArithException(String message) {
            super(message, null, false, false);
        }
    }

    private final String src;
    private int pos;
    private final Function<String, String> get;
    private final BiConsumer<String, String> set;

    private Arith(String src, Function<String, String> get, BiConsumer<String, String> set) {
        this.src = src;
        this.get = get;
        this.set = set;
    }

    /** Evaluates {@code expression} (already expanded) reading and writing variables through the callbacks. */
    static long eval(String expression, Function<String, String> get, BiConsumer<String, String> set) {
        if (expression.isBlank()) {
            return 0;
        }
        Arith a = new Arith(expression, get, set);
        long value = a.comma();
        a.skip();
        if (a.pos < a.src.length()) {
            throw new ArithException("syntax error in expression (error token is \"" + a.src.substring(a.pos) + "\")");
        }
        return value;
    }

    private void skip() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(String op) {
        skip();
        if (src.startsWith(op, pos)) {
            // do not take "=" out of "==", "<" out of "<=" and so on
            int end = pos + op.length();
            if ((op.equals("=") || op.equals("<") || op.equals(">") || op.equals("!")) && end < src.length()
                    && src.charAt(end) == '=') {
                return false;
            }
            if ((op.equals("&") || op.equals("|")) && end < src.length() && src.charAt(end) == op.charAt(0)) {
                return false;
            }
            if ((op.equals("<") || op.equals(">")) && end < src.length() && src.charAt(end) == op.charAt(0)) {
                return false;
            }
            pos = end;
            return true;
        }
        return false;
    }

    private long comma() {
        long v = assignment();
        while (eat(",")) {
            v = assignment();
        }
        return v;
    }

    private long assignment() {
        skip();
        int save = pos;
        String name = name();
        if (name != null) {
            for (String op : new String[] {"+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^="}) {
                if (eat(op)) {
                    long right = assignment();
                    long left = value(name);
                    long result = switch (op) {
                        case "+=" -> left + right;
                        case "-=" -> left - right;
                        case "*=" -> left * right;
                        case "/=" -> div(left, right);
                        case "%=" -> mod(left, right);
                        case "<<=" -> left << right;
                        case ">>=" -> left >> right;
                        case "&=" -> left & right;
                        case "|=" -> left | right;
                        default -> left ^ right;
                    };
                    set.accept(name, Long.toString(result));
                    return result;
                }
            }
            if (eat("=")) {
                long right = assignment();
                set.accept(name, Long.toString(right));
                return right;
            }
        }
        pos = save;
        return ternary();
    }

    private long ternary() {
        long c = or();
        if (eat("?")) {
            long a = assignment();
            if (!eat(":")) {
                throw new ArithException("expected ':' in conditional expression");
            }
            long b = assignment();
            return c != 0 ? a : b;
        }
        return c;
    }

    private long or() {
        long v = and();
        while (eat("||")) {
            long r = and();
            v = (v != 0 || r != 0) ? 1 : 0;
        }
        return v;
    }

    private long and() {
        long v = bitOr();
        while (eat("&&")) {
            long r = bitOr();
            v = (v != 0 && r != 0) ? 1 : 0;
        }
        return v;
    }

    private long bitOr() {
        long v = bitXor();
        while (eat("|")) {
            v |= bitXor();
        }
        return v;
    }

    private long bitXor() {
        long v = bitAnd();
        while (eat("^")) {
            v ^= bitAnd();
        }
        return v;
    }

    private long bitAnd() {
        long v = equality();
        while (eat("&")) {
            v &= equality();
        }
        return v;
    }

    private long equality() {
        long v = relational();
        while (true) {
            if (eat("==")) {
                v = v == relational() ? 1 : 0;
            } else if (eat("!=")) {
                v = v != relational() ? 1 : 0;
            } else {
                return v;
            }
        }
    }

    private long relational() {
        long v = shift();
        while (true) {
            if (eat("<=")) {
                v = v <= shift() ? 1 : 0;
            } else if (eat(">=")) {
                v = v >= shift() ? 1 : 0;
            } else if (eat("<")) {
                v = v < shift() ? 1 : 0;
            } else if (eat(">")) {
                v = v > shift() ? 1 : 0;
            } else {
                return v;
            }
        }
    }

    private long shift() {
        long v = additive();
        while (true) {
            if (eat("<<")) {
                v <<= additive();
            } else if (eat(">>")) {
                v >>= additive();
            } else {
                return v;
            }
        }
    }

    private long additive() {
        long v = multiplicative();
        while (true) {
            skip();
            if (src.startsWith("++", pos) || src.startsWith("--", pos)) {
                return v;
            }
            if (eat("+")) {
                v += multiplicative();
            } else if (eat("-")) {
                v -= multiplicative();
            } else {
                return v;
            }
        }
    }

    private long multiplicative() {
        long v = unary();
        while (true) {
            if (eat("*")) {
                v *= unary();
            } else if (eat("/")) {
                v = div(v, unary());
            } else if (eat("%")) {
                v = mod(v, unary());
            } else {
                return v;
            }
        }
    }

    private long unary() {
        skip();
        if (src.startsWith("++", pos) || src.startsWith("--", pos)) {
            boolean inc = src.charAt(pos) == '+';
            pos += 2;
            skip();
            String name = name();
            if (name == null) {
                throw new ArithException("expected a variable after " + (inc ? "++" : "--"));
            }
            long v = value(name) + (inc ? 1 : -1);
            set.accept(name, Long.toString(v));
            return v;
        }
        if (eat("!")) {
            return unary() == 0 ? 1 : 0;
        }
        if (eat("~")) {
            return ~unary();
        }
        if (eat("-")) {
            return -unary();
        }
        if (eat("+")) {
            return unary();
        }
        return postfix();
    }

    private long postfix() {
        skip();
        if (eat("(")) {
            long v = comma();
            if (!eat(")")) {
                throw new ArithException("expected ')'");
            }
            return v;
        }
        int start = pos;
        while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
            pos++;
        }
        String token = src.substring(start, pos);
        if (token.isEmpty()) {
            throw new ArithException("syntax error: operand expected (error token is \"" + src.substring(start) + "\")");
        }
        if (Character.isDigit(token.charAt(0))) {
            return number(token);
        }
        pos = start;
        String name = name();
        skip();
        if (src.startsWith("++", pos) || src.startsWith("--", pos)) {
            boolean inc = src.charAt(pos) == '+';
            pos += 2;
            long v = value(name);
            set.accept(name, Long.toString(v + (inc ? 1 : -1)));
            return v;
        }
        return value(name);
    }

    private String name() {
        skip();
        int start = pos;
        if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            return src.substring(start, pos);
        }
        return null;
    }

    private long value(String name) {
        String v = get.apply(name);
        if (v == null || v.isBlank()) {
            return 0;
        }
        v = v.strip();
        if (v.matches("-?\\d+") || v.matches("0[xX][0-9a-fA-F]+")) {
            return number(v);
        }
        return eval(v, get, set); // bash evaluates a variable's value as an expression
    }

    private static long number(String token) {
        try {
            if (token.startsWith("0x") || token.startsWith("0X")) {
                return Long.parseLong(token.substring(2), 16);
            }
            if (token.startsWith("-")) {
                return -number(token.substring(1));
            }
            if (token.length() > 1 && token.startsWith("0")) {
                return Long.parseLong(token.substring(1), 8);
            }
            if (token.contains("#")) {
                String[] parts = token.split("#", 2);
                return Long.parseLong(parts[1], Integer.parseInt(parts[0]));
            }
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new ArithException("value too great for base (error token is \"" + token + "\")");
        }
    }

    private static long div(long a, long b) {
        if (b == 0) {
            throw new ArithException("division by 0");
        }
        return a / b;
    }

    private static long mod(long a, long b) {
        if (b == 0) {
            throw new ArithException("division by 0");
        }
        return a % b;
    }
}
