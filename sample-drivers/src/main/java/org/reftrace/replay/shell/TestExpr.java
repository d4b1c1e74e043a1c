package org.reftrace.replay.shell;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code test}, {@code [ ... ]} and {@code [[ ... ]]}: string and integer comparisons, {@code -z}/{@code -n}, file
 * tests (answered by the {@link Shell.FileSystem}), {@code !}, grouping, {@code -a}/{@code -o} and, in
 * {@code [[ ]]}, {@code &&}, {@code ||}, patterns ({@code ==}) and regular expressions ({@code =~}).
 */
final class TestExpr {
    /** A test the evaluator cannot read; status 2 as in the shell. */
    static final class TestException extends RuntimeException {
        TestException(String message) {
            super(message, null, false, false);
        }
    }

    private final List<String> args;
    private final boolean doubleBracket;
    private final Shell.FileSystem fs;
    private final Shell.Frame frame;
    private int pos;

    private TestExpr(List<String> args, boolean doubleBracket, Shell.FileSystem fs, Shell.Frame frame) {
        this.args = args;
        this.doubleBracket = doubleBracket;
        this.fs = fs;
        this.frame = frame;
    }

    /** Evaluates the arguments (after {@code [}, without {@code ]}); {@code true} means status 0. */
    static boolean eval(List<String> args, boolean doubleBracket, Shell.FileSystem fs, Shell.Frame frame) {
        if (args.isEmpty()) {
            return false;
        }
        TestExpr t = new TestExpr(args, doubleBracket, fs, frame);
        boolean v = t.or();
        if (t.pos < args.size()) {
            throw new TestException("unexpected argument '" + args.get(t.pos) + "'");
        }
        return v;
    }

    private String peek() {
        return pos < args.size() ? args.get(pos) : null;
    }

    private boolean or() {
        boolean v = and();
        while (doubleBracket ? "||".equals(peek()) : "-o".equals(peek())) {
            pos++;
            boolean r = and();
            v = v || r;
        }
        return v;
    }

    private boolean and() {
        boolean v = not();
        while (doubleBracket ? "&&".equals(peek()) : "-a".equals(peek())) {
            pos++;
            boolean r = not();
            v = v && r;
        }
        return v;
    }

    private boolean not() {
        if ("!".equals(peek()) && pos + 1 < args.size()) {
            pos++;
            return !not();
        }
        return primary();
    }

    private boolean primary() {
        String a = peek();
        if (a == null) {
            throw new TestException("argument expected");
        }
        if (a.equals("(") ) {
            pos++;
            boolean v = or();
            if (!")".equals(peek())) {
                throw new TestException("')' expected");
            }
            pos++;
            return v;
        }
        int remaining = args.size() - pos;
        if (remaining >= 3 && isBinary(args.get(pos + 1))) {
            String left = args.get(pos);
            String op = args.get(pos + 1);
            String right = args.get(pos + 2);
            pos += 3;
            return binary(left, op, right);
        }
        if (remaining >= 2 && a.startsWith("-") && a.length() == 2 && !isBinary(args.get(pos + 1))) {
            pos += 2;
            return unary(a, args.get(pos - 1));
        }
        pos++;
        return !a.isEmpty();
    }

    private boolean isBinary(String op) {
        return switch (op) {
            case "=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef" -> true;
            case "<", ">", "=~" -> doubleBracket || !op.equals("=~");
            default -> false;
        };
    }

    private boolean unary(String op, String arg) {
        return switch (op) {
            case "-z" -> arg.isEmpty();
            case "-n" -> !arg.isEmpty();
            case "-e", "-f", "-d", "-x", "-r", "-w", "-s", "-L", "-h", "-b", "-c", "-p", "-S", "-O", "-G" ->
                    fs.test(op.charAt(1), arg, frame);
            case "-t" -> false;
            case "-v" -> frame.shell().isSet(arg);
            default -> throw new TestException("unary operator expected: " + op);
        };
    }

    private boolean binary(String left, String op, String right) {
        switch (op) {
            case "=", "==":
                return doubleBracket ? Glob.matches(right, left) : left.equals(right);
            case "!=":
                return doubleBracket ? !Glob.matches(right, left) : !left.equals(right);
            case "<":
                return left.compareTo(right) < 0;
            case ">":
                return left.compareTo(right) > 0;
            case "=~":
                try {
                    return Pattern.compile(right).matcher(left).find();
                } catch (PatternSyntaxException e) {
                    throw new TestException("invalid regular expression '" + right + "'");
                }
            case "-nt", "-ot", "-ef":
                return false;
            default:
                long a = integer(left);
                long b = integer(right);
                return switch (op) {
                    case "-eq" -> a == b;
                    case "-ne" -> a != b;
                    case "-lt" -> a < b;
                    case "-le" -> a <= b;
                    case "-gt" -> a > b;
                    default -> a >= b;
                };
        }
    }

    private long integer(String s) {
        String t = s.strip();
        if (doubleBracket && !t.matches("-?\\d+")) {
            return frame.shell().arith(t, frame); // [[ ]] evaluates operands arithmetically
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new TestException(s + ": integer expression expected");
        }
    }
}
