package org.reftrace.replay.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the syntax tree of a script from its tokens (POSIX shell grammar, with bash's {@code function},
 * {@code [[ ]]}, {@code (( ))}, arrays and {@code for ((;;))}). A construct it cannot parse becomes a
 * {@link Node.Unsupported} spanning the whole top-level command it was in, and parsing resumes after it, so that
 * the rest of the script still runs (with {@code --keep-going}) and every problem is listed.
 *
 * <p>Not thread-safe; one parser per script.
 */
public final class Parser {
    private static final Set<String> TERMINATORS = Set.of("then", "elif", "else", "fi", "do", "done", "esac", "}");

    /** Thrown inside the parser; turned into {@link Node.Unsupported} at top level. */
    private static final class SyntaxException extends RuntimeException {
        final ShellError error;

        SyntaxException(ShellError error) {
            super(error.toString(), null, false, false);
            this.error = error;
        }
    }

    /** A parsed script and what could not be parsed. */
    public record Program(Node body, List<ShellError> errors) {}

    private final List<Token> tokens;
    private int at;
    private final List<ShellError> errors;

    private Parser(List<Token> tokens, List<ShellError> errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    /** Parses a script whose first line is {@code firstLine}. */
    public static Program parse(String script, int firstLine) {
        List<ShellError> errors = new ArrayList<>();
        List<Token> tokens = Lexer.tokenize(script, firstLine, errors);
        Parser parser = new Parser(tokens, errors);
        Node body = parser.program();
        return new Program(body, List.copyOf(errors));
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Token.Kind.EOF) {
            at++;
        }
        return t;
    }

    private SyntaxException error(Token t, String message) {
        String token = t.kind() == Token.Kind.EOF ? "end of file" : t.kind() == Token.Kind.NEWLINE ? "newline" : t.text();
        return new SyntaxException(new ShellError(t.line(), token, message));
    }

    private Node program() {
        List<Node> items = new ArrayList<>();
        int line = peek().line();
        while (true) {
            skipNewlines();
            if (peek().is(Token.Kind.EOF)) {
                break;
            }
            int start = at;
            try {
                Node item = andOr();
                if (peek().is(Token.Kind.AMP)) {
                    next();
                    item = new Node.Background(item, item.line());
                } else if (peek().is(Token.Kind.SEMI)) {
                    next();
                } else if (!peek().is(Token.Kind.NEWLINE) && !peek().is(Token.Kind.EOF)) {
                    throw error(peek(), "unexpected token");
                }
                items.add(item);
            } catch (SyntaxException e) {
                errors.add(e.error);
                int lastLine = recover(start);
                items.add(new Node.Unsupported(e.error, lastLine, tokens.get(start).line()));
            }
        }
        return new Node.Sequence(items, line);
    }

    /** Skips to the end of the top-level command that started at {@code start}; returns its last line. */
    private int recover(int start) {
        int depth = 0;
        int i = start;
        int lastLine = tokens.get(start).line();
        for (; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            lastLine = t.line();
            if (t.is(Token.Kind.EOF)) {
                break;
            }
            if (t.is(Token.Kind.WORD) && t.word().isPlainLiteral()) {
                String w = t.word().literal();
                if (w.equals("if") || w.equals("case") || w.equals("do") || w.equals("{")) {
                    depth++;
                } else if (w.equals("fi") || w.equals("esac") || w.equals("done") || w.equals("}")) {
                    depth--;
                }
            } else if (t.is(Token.Kind.LPAREN)) {
                depth++;
            } else if (t.is(Token.Kind.RPAREN)) {
                depth--;
            }
            if (i >= at && depth <= 0 && t.is(Token.Kind.NEWLINE)) {
                break;
            }
        }
        at = Math.min(i, tokens.size() - 1);
        return lastLine;
    }

    private void skipNewlines() {
        while (peek().is(Token.Kind.NEWLINE)) {
            next();
        }
    }

    /** A compound list: commands up to a terminator reserved word, {@code )}, {@code ;;} or the end. */
    private Node list() {
        List<Node> items = new ArrayList<>();
        int line = peek().line();
        while (true) {
            skipNewlines();
            Token t = peek();
            if (t.is(Token.Kind.EOF) || t.is(Token.Kind.RPAREN) || t.is(Token.Kind.DSEMI)
                    || (t.is(Token.Kind.WORD) && t.word().isPlainLiteral() && TERMINATORS.contains(t.word().literal()))) {
                break;
            }
            Node item = andOr();
            if (peek().is(Token.Kind.AMP)) {
                next();
                item = new Node.Background(item, item.line());
            } else if (peek().is(Token.Kind.SEMI)) {
                next();
            }
            items.add(item);
        }
        return new Node.Sequence(items, line);
    }

    private Node andOr() {
        Node first = pipeline();
        List<Node> items = new ArrayList<>(List.of(first));
        List<String> ops = new ArrayList<>();
        while (peek().is(Token.Kind.AND_IF) || peek().is(Token.Kind.OR_IF)) {
            ops.add(next().text());
            skipNewlines();
            items.add(pipeline());
        }
        return items.size() == 1 ? first : new Node.AndOr(items, ops, first.line());
    }

    private Node pipeline() {
        boolean negated = false;
        int line = peek().line();
        while (peek().isReserved("!")) {
            next();
            negated = !negated;
        }
        List<Node> commands = new ArrayList<>(List.of(command()));
        while (peek().is(Token.Kind.PIPE)) {
            next();
            skipNewlines();
            commands.add(command());
        }
        return commands.size() == 1 && !negated ? commands.get(0) : new Node.Pipeline(commands, negated, line);
    }

    private Node command() {
        Token t = peek();
        if (t.is(Token.Kind.LPAREN)) {
            next();
            Node body = list();
            expect(Token.Kind.RPAREN, ")");
            return new Node.Subshell(body, redirects(), t.line());
        }
        if (t.is(Token.Kind.ARITH_CMD)) {
            next();
            return new Node.ArithCommand(t.text(), t.line());
        }
        if (t.is(Token.Kind.DBL_BRACKET)) {
            next();
            return new Node.TestCommand(t.items(), t.line());
        }
        if (t.is(Token.Kind.WORD) && t.word().isPlainLiteral()) {
            String w = t.word().literal();
            switch (w) {
                case "if":
                    return ifClause();
                case "while", "until":
                    return whileClause(w.equals("until"));
                case "for":
                    return forClause();
                case "case":
                    return caseClause();
                case "{":
                    next();
                    Node body = list();
                    expectReserved("}");
                    return new Node.Group(body, redirects(), t.line());
                case "function":
                    next();
                    Token name = next();
                    if (!name.is(Token.Kind.WORD)) {
                        throw error(name, "expected a function name");
                    }
                    if (peek().is(Token.Kind.LPAREN)) {
                        next();
                        expect(Token.Kind.RPAREN, ")");
                    }
                    skipNewlines();
                    return new Node.FunctionDef(name.text(), command(), t.line());
                case "select", "coproc":
                    throw error(t, "'" + w + "' is not supported");
                default:
                    if (TERMINATORS.contains(w)) {
                        throw error(t, "unexpected '" + w + "'");
                    }
            }
            if (tokens.get(at + 1).is(Token.Kind.LPAREN) && tokens.get(at + 2).is(Token.Kind.RPAREN)
                    && w.matches("[A-Za-z_][A-Za-z0-9_.:-]*")) {
                next();
                next();
                next();
                skipNewlines();
                return new Node.FunctionDef(w, command(), t.line());
            }
        }
        return simple();
    }

    private Node simple() {
        List<Node.Assignment> assignments = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Node.Redirect> redirects = new ArrayList<>();
        List<String> text = new ArrayList<>();
        int line = peek().line();
        while (true) {
            Token t = peek();
            if (t.is(Token.Kind.REDIR)) {
                next();
                Token target = next();
                if (!target.is(Token.Kind.WORD)) {
                    throw error(target, "expected a file after " + t.text());
                }
                redirects.add(new Node.Redirect(t.text(), target.word()));
                text.add(t.text() + target.text());
            } else if (t.is(Token.Kind.ARRAY_ASSIGN) && !words.isEmpty()) {
                next(); // "local a=(x y)": an argument for the builtin, which parses it
                String value = t.text() + "(" + String.join(" ", t.items().stream().map(Word::text).toList()) + ")";
                words.add(new Word(List.of(new Word.Lit(value, true)), value));
                text.add(value);
            } else if (t.is(Token.Kind.ARRAY_ASSIGN)) {
                next();
                String target = t.text();
                boolean append = target.endsWith("+=");
                String name = target.substring(0, target.length() - (append ? 2 : 1));
                assignments.add(new Node.Assignment(name, append, null, t.items()));
                text.add(target + "(" + String.join(" ", t.items().stream().map(Word::text).toList()) + ")");
            } else if (t.is(Token.Kind.WORD)) {
                next();
                Node.Assignment assignment = words.isEmpty() ? assignment(t.word()) : null;
                if (assignment != null) {
                    assignments.add(assignment);
                } else {
                    words.add(t.word());
                }
                text.add(t.text());
            } else {
                break;
            }
        }
        if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
            throw error(peek(), "syntax error");
        }
        return new Node.Simple(assignments, words, redirects, String.join(" ", text), line);
    }

    /** {@code NAME=value} or {@code NAME+=value}, or {@code null}. */
    private static Node.Assignment assignment(Word word) {
        if (word.parts().isEmpty() || !(word.parts().get(0) instanceof Word.Lit first) || first.quoted()) {
            return null;
        }
        if (first.text().matches("[A-Za-z_][A-Za-z0-9_]*\\[[^]=]*") && !first.text().contains("=")) {
            return indexedAssignment(word, first);
        }
        int eq = first.text().indexOf('=');
        if (eq <= 0) {
            return null;
        }
        String left = first.text().substring(0, eq);
        boolean append = left.endsWith("+");
        String name = append ? left.substring(0, left.length() - 1) : left;
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?")) {
            return null;
        }
        List<Word.Part> value = new ArrayList<>();
        String rest = first.text().substring(eq + 1);
        if (!rest.isEmpty()) {
            value.add(new Word.Lit(rest, false));
        }
        value.addAll(word.parts().subList(1, word.parts().size()));
        return new Node.Assignment(name, append, new Word(value, word.text().substring(word.text().indexOf('=') + 1)),
                null);
    }

    /** {@code NAME[index]=value} where the index has expansions: the index is a word of its own. */
    private static Node.Assignment indexedAssignment(Word word, Word.Lit first) {
        int bracket = first.text().indexOf('[');
        String name = first.text().substring(0, bracket);
        List<Word.Part> index = new ArrayList<>();
        if (bracket + 1 < first.text().length()) {
            index.add(new Word.Lit(first.text().substring(bracket + 1), false));
        }
        List<Word.Part> parts = word.parts();
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i) instanceof Word.Lit lit && !lit.quoted() && lit.text().contains("]=")) {
                int close = lit.text().indexOf("]=");
                if (close > 0) {
                    index.add(new Word.Lit(lit.text().substring(0, close), false));
                }
                boolean append = close > 0 && lit.text().charAt(close - 1) == '+';
                List<Word.Part> value = new ArrayList<>();
                String rest = lit.text().substring(close + 2);
                if (!rest.isEmpty()) {
                    value.add(new Word.Lit(rest, false));
                }
                value.addAll(parts.subList(i + 1, parts.size()));
                return new Node.Assignment(name, append, new Word(value, word.text()), null, new Word(index, word.text()));
            }
            index.add(parts.get(i));
        }
        return null;
    }

    private List<Node.Redirect> redirects() {
        List<Node.Redirect> redirects = new ArrayList<>();
        while (peek().is(Token.Kind.REDIR)) {
            Token op = next();
            Token target = next();
            if (!target.is(Token.Kind.WORD)) {
                throw error(target, "expected a file after " + op.text());
            }
            redirects.add(new Node.Redirect(op.text(), target.word()));
        }
        return redirects;
    }

    private Node ifClause() {
        int line = next().line();
        List<Node> conditions = new ArrayList<>();
        List<Node> bodies = new ArrayList<>();
        conditions.add(list());
        expectReserved("then");
        bodies.add(list());
        Node elseBody = null;
        while (true) {
            Token t = peek();
            if (t.isReserved("elif")) {
                next();
                conditions.add(list());
                expectReserved("then");
                bodies.add(list());
            } else if (t.isReserved("else")) {
                next();
                elseBody = list();
            } else {
                break;
            }
        }
        expectReserved("fi");
        return new Node.If(conditions, bodies, elseBody, redirects(), line);
    }

    private Node whileClause(boolean until) {
        int line = next().line();
        Node condition = list();
        expectReserved("do");
        Node body = list();
        expectReserved("done");
        return new Node.While(condition, body, until, redirects(), line);
    }

    private Node forClause() {
        int line = next().line();
        if (peek().is(Token.Kind.ARITH_CMD)) {
            String[] parts = next().text().split(";", -1);
            if (parts.length != 3) {
                throw error(peek(), "expected for ((init; condition; step))");
            }
            skipSeparators();
            expectReserved("do");
            Node body = list();
            expectReserved("done");
            return new Node.ArithFor(parts[0], parts[1], parts[2], body, line);
        }
        Token name = next();
        if (!name.is(Token.Kind.WORD) || !name.text().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw error(name, "expected a variable name after 'for'");
        }
        List<Word> words = null;
        skipNewlines();
        if (peek().isReserved("in")) {
            next();
            words = new ArrayList<>();
            while (peek().is(Token.Kind.WORD)) {
                words.add(next().word());
            }
        }
        skipSeparators();
        expectReserved("do");
        Node body = list();
        expectReserved("done");
        return new Node.For(name.text(), words, body, redirects(), line);
    }

    private Node caseClause() {
        int line = next().line();
        Token subject = next();
        if (!subject.is(Token.Kind.WORD)) {
            throw error(subject, "expected a word after 'case'");
        }
        skipNewlines();
        expectReserved("in");
        List<List<Word>> patterns = new ArrayList<>();
        List<Node> bodies = new ArrayList<>();
        while (true) {
            skipNewlines();
            if (peek().isReserved("esac")) {
                next();
                break;
            }
            if (peek().is(Token.Kind.LPAREN)) {
                next();
            }
            List<Word> alternatives = new ArrayList<>();
            while (true) {
                Token p = next();
                if (!p.is(Token.Kind.WORD)) {
                    throw error(p, "expected a pattern");
                }
                alternatives.add(p.word());
                if (peek().is(Token.Kind.PIPE)) {
                    next();
                    continue;
                }
                break;
            }
            expect(Token.Kind.RPAREN, ")");
            patterns.add(alternatives);
            bodies.add(list());
            if (peek().is(Token.Kind.DSEMI)) {
                next();
            } else if (!peek().isReserved("esac")) {
                throw error(peek(), "expected ';;' or 'esac'");
            }
        }
        return new Node.Case(subject.word(), patterns, bodies, redirects(), line);
    }

    private void skipSeparators() {
        while (peek().is(Token.Kind.SEMI) || peek().is(Token.Kind.NEWLINE)) {
            next();
        }
    }

    private void expect(Token.Kind kind, String what) {
        Token t = next();
        if (!t.is(kind)) {
            throw error(t, "expected '" + what + "'");
        }
    }

    private void expectReserved(String word) {
        skipSeparators();
        Token t = next();
        if (!t.isReserved(word)) {
            throw error(t, "expected '" + word + "'");
        }
    }
}
