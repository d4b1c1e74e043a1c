package org.reftrace.replay.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a script into tokens as a POSIX shell (with the bash extensions scripts use) does: quotes, backslash
 * escapes and line continuations, comments, operators, {@code $}-expansions, command substitution, arithmetic,
 * {@code NAME=(...)} arrays, {@code ((...))} and {@code [[ ... ]]}. Here-documents are not supported and are
 * reported as such.
 *
 * <p>Not thread-safe; one lexer per script.
 */
final class Lexer {
    private static final Set<String> OPENS_COMMAND = Set.of("then", "do", "else", "elif", "if", "while", "until",
            "{", "!", "time", "for");

    private final String src;
    private int pos;
    private int line;
    private final List<Token> tokens = new ArrayList<>();
    private final List<ShellError> errors;
    private boolean commandStart = true;
    /** Here-documents whose body starts after the current line: the index of their target token. */
    private final List<int[]> pendingHeredocs = new ArrayList<>();
    private final List<String> pendingDelimiters = new ArrayList<>();

    private Lexer(String src, int firstLine, List<ShellError> errors) {
        this.src = src;
        this.line = firstLine;
        this.errors = errors;
    }

    /** Tokenizes {@code src}, whose first line is {@code firstLine}; lexical errors go to {@code errors}. */
    static List<Token> tokenize(String src, int firstLine, List<ShellError> errors) {
        Lexer lexer = new Lexer(src, firstLine, errors);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipBlanks();
            if (pos >= src.length()) {
                add(Token.Kind.EOF, "", line);
                return;
            }
            char c = src.charAt(pos);
            if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            }
            if (c == '\n') {
                pos++;
                add(Token.Kind.NEWLINE, "\n", line);
                line++;
                commandStart = true;
                readHeredocBodies();
                continue;
            }
            if (commandStart && src.startsWith("((", pos)) {
                arithCommand();
                continue;
            }
            if (operator()) {
                continue;
            }
            word();
        }
    }

    private void skipBlanks() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2; // line continuation
                line++;
            } else {
                return;
            }
        }
    }

    private void add(Token.Kind kind, String text, int at) {
        tokens.add(new Token(kind, text, null, null, at));
    }

    private boolean operator() {
        int at = line;
        String[] ops = {"&&", "&>>", "&>", "||", ";;", ">>", ">&", ">|", "<<<", "<<", "<&", "<>", "|&", "&", "|", ";",
            "(", ")", ">", "<"};
        for (String op : ops) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                switch (op) {
                    case "&&" -> emitSep(Token.Kind.AND_IF, op, at);
                    case "||" -> emitSep(Token.Kind.OR_IF, op, at);
                    case ";;" -> emitSep(Token.Kind.DSEMI, op, at);
                    case "&" -> emitSep(Token.Kind.AMP, op, at);
                    case "|", "|&" -> emitSep(Token.Kind.PIPE, op, at);
                    case ";" -> emitSep(Token.Kind.SEMI, op, at);
                    case "(" -> emitSep(Token.Kind.LPAREN, op, at);
                    case ")" -> {
                        add(Token.Kind.RPAREN, op, at);
                        commandStart = false;
                    }
                    case "<<" -> heredoc(at);
                    case "<<<" -> add(Token.Kind.REDIR, op, at); // here-string: the next word is the input
                    default -> add(Token.Kind.REDIR, op, at);
                }
                return true;
            }
        }
        // an IO number: digits right before a redirection
        int i = pos;
        while (i < src.length() && Character.isDigit(src.charAt(i))) {
            i++;
        }
        if (i > pos && i < src.length() && (src.charAt(i) == '>' || src.charAt(i) == '<')) {
            String fd = src.substring(pos, i);
            pos = i;
            for (String op : new String[] {">>", ">&", ">|", "<&", "<>", ">", "<"}) {
                if (src.startsWith(op, pos)) {
                    pos += op.length();
                    add(Token.Kind.REDIR, fd + op, at);
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code <<WORD} or {@code <<-WORD}: the body is read when the line ends; the target is the body. */
    private void heredoc(int at) {
        boolean stripTabs = pos < src.length() && src.charAt(pos) == '-';
        if (stripTabs) {
            pos++;
        }
        add(Token.Kind.REDIR, "<<", at);
        skipBlanks();
        int start = pos;
        while (pos < src.length() && " \t\n;&|<>()".indexOf(src.charAt(pos)) < 0) {
            pos++;
        }
        String delimiter = src.substring(start, pos).replace("'", "").replace("\"", "").replace("\\", "");
        if (delimiter.isEmpty()) {
            errors.add(new ShellError(at, "<<", "a here-document needs a delimiter"));
        }
        tokens.add(new Token(Token.Kind.WORD, delimiter, new Word(List.of(new Word.Lit("", true)), delimiter), null,
                at));
        pendingHeredocs.add(new int[] {tokens.size() - 1, stripTabs ? 1 : 0});
        pendingDelimiters.add(delimiter);
    }

    private void readHeredocBodies() {
        for (int k = 0; k < pendingHeredocs.size(); k++) {
            int[] pending = pendingHeredocs.get(k);
            String delimiter = pendingDelimiters.get(k);
            StringBuilder body = new StringBuilder();
            int at = line;
            while (pos < src.length()) {
                int end = src.indexOf('\n', pos);
                String text = src.substring(pos, end < 0 ? src.length() : end);
                pos = end < 0 ? src.length() : end + 1;
                line++;
                String compare = pending[1] == 1 ? text.replaceFirst("^\t+", "") : text;
                if (compare.equals(delimiter)) {
                    break;
                }
                body.append(compare).append('\n');
            }
            Token target = tokens.get(pending[0]);
            tokens.set(pending[0], new Token(Token.Kind.WORD, target.text(),
                    new Word(List.of(new Word.Lit(body.toString(), true)), target.text()), null, at));
        }
        pendingHeredocs.clear();
        pendingDelimiters.clear();
    }

    private void emitSep(Token.Kind kind, String text, int at) {
        add(kind, text, at);
        commandStart = true;
    }

    private void arithCommand() {
        int at = line;
        pos += 2;
        int depth = 0;
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0 && src.startsWith("))", pos)) {
                    tokens.add(new Token(Token.Kind.ARITH_CMD, src.substring(start, pos), null, null, at));
                    pos += 2;
                    commandStart = false;
                    return;
                }
                depth--;
            }
            pos++;
        }
        errors.add(new ShellError(at, "((", "unterminated (( ... ))"));
    }

    private void word() {
        int at = line;
        int start = pos;
        List<Word.Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '<'
                    || c == '>' || c == ')') {
                break;
            }
            if (c == '(') {
                String soFar = lit.toString();
                if (parts.isEmpty() && soFar.matches("[A-Za-z_][A-Za-z0-9_]*\\+?=")) {
                    pos++;
                    arrayAssign(soFar, at);
                    return;
                }
                if (!lit.isEmpty() || !parts.isEmpty()) {
                    break; // "name(" of a function definition: the word ends here
                }
                break;
            }
            switch (c) {
                case '\\' -> {
                    if (pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                        pos += 2;
                        line++;
                        continue;
                    }
                    flush(parts, lit);
                    if (pos + 1 < src.length()) {
                        parts.add(new Word.Lit(String.valueOf(src.charAt(pos + 1)), true));
                    }
                    pos += 2;
                }
                case '\'' -> {
                    flush(parts, lit);
                    int end = src.indexOf('\'', pos + 1);
                    if (end < 0) {
                        errors.add(new ShellError(at, "'", "unterminated single quote"));
                        end = src.length();
                    }
                    String quoted = src.substring(pos + 1, end);
                    line += count(quoted, '\n');
                    parts.add(new Word.Lit(quoted, true));
                    pos = Math.min(src.length(), end + 1);
                }
                case '"' -> {
                    flush(parts, lit);
                    pos++;
                    doubleQuoted(parts, at);
                }
                case '`' -> {
                    flush(parts, lit);
                    parts.add(backtick(false, at));
                }
                case '$' -> {
                    if (pos + 1 < src.length() && src.charAt(pos + 1) == '\'') {
                        flush(parts, lit);
                        parts.add(new Word.Lit(ansiC(at), true));
                    } else {
                        Word.Part expansion = dollar(false, at);
                        if (expansion == null) {
                            lit.append('$');
                            pos++;
                        } else {
                            flush(parts, lit);
                            parts.add(expansion);
                        }
                    }
                }
                default -> {
                    lit.append(c);
                    pos++;
                }
            }
        }
        flush(parts, lit);
        Word word = new Word(parts, src.substring(start, pos));
        tokens.add(new Token(Token.Kind.WORD, word.text(), word, null, at));
        String literal = word.isPlainLiteral() ? word.literal() : null;
        if (commandStart && "[[".equals(literal)) {
            doubleBracket(at);
            return;
        }
        commandStart = literal != null && OPENS_COMMAND.contains(literal) && commandStart;
    }

    private static void flush(List<Word.Part> parts, StringBuilder lit) {
        if (!lit.isEmpty()) {
            parts.add(new Word.Lit(lit.toString(), false));
            lit.setLength(0);
        }
    }

    private void doubleQuoted(List<Word.Part> parts, int at) {
        StringBuilder lit = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                if (!lit.isEmpty() || parts.isEmpty() || true) {
                    parts.add(new Word.Lit(lit.toString(), true)); // "" is an empty quoted field
                }
                return;
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && pos + 1 < src.length()) {
                char n = src.charAt(pos + 1);
                if (n == '$' || n == '`' || n == '"' || n == '\\') {
                    lit.append(n);
                    pos += 2;
                    continue;
                }
                if (n == '\n') {
                    pos += 2;
                    line++;
                    continue;
                }
                lit.append(c);
                pos++;
                continue;
            }
            if (c == '`') {
                quotedFlush(parts, lit);
                parts.add(backtick(true, at));
                continue;
            }
            if (c == '$') {
                Word.Part expansion = dollar(true, at);
                if (expansion != null) {
                    quotedFlush(parts, lit);
                    parts.add(expansion);
                    continue;
                }
            }
            lit.append(c);
            pos++;
        }
        errors.add(new ShellError(at, "\"", "unterminated double quote"));
    }

    private static void quotedFlush(List<Word.Part> parts, StringBuilder lit) {
        if (!lit.isEmpty()) {
            parts.add(new Word.Lit(lit.toString(), true));
            lit.setLength(0);
        }
    }

    /** At {@code $}: an expansion, or {@code null} when the dollar is literal. */
    private Word.Part dollar(boolean quoted, int at) {
        if (pos + 1 >= src.length()) {
            return null;
        }
        char n = src.charAt(pos + 1);
        if (n == '(') {
            if (src.startsWith("$((", pos)) {
                pos += 3;
                String expr = balanced('(', ')', at, 1); // consumes both closing parentheses
                return new Word.Arith(expr.endsWith(")") ? expr.substring(0, expr.length() - 1) : expr, quoted);
            }
            int startLine = line;
            pos += 2;
            String inner = balanced('(', ')', at, 0);
            return new Word.CommandSub(inner, startLine, quoted);
        }
        if (n == '{') {
            pos += 2;
            String inner = balanced('{', '}', at, 0);
            return braceParam(inner, quoted, at);
        }
        if (Character.isLetter(n) || n == '_') {
            int i = pos + 1;
            while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                i++;
            }
            String name = src.substring(pos + 1, i);
            pos = i;
            return new Word.Param(name, null, false, false, null, null, quoted);
        }
        if (Character.isDigit(n) || "@*#?$!-".indexOf(n) >= 0) {
            pos += 2;
            return new Word.Param(String.valueOf(n), null, false, false, null, null, quoted);
        }
        return null;
    }

    /** Reads up to the matching close character (consumed), honouring quotes; returns the text inside. */
    private String balanced(char open, char close, int at, int initialDepth) {
        int depth = initialDepth;
        StringBuilder out = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && pos + 1 < src.length()) {
                out.append(c).append(src.charAt(pos + 1));
                if (src.charAt(pos + 1) == '\n') {
                    line++;
                }
                pos += 2;
                continue;
            }
            if (c == '\'' && open == '(') {
                int end = src.indexOf('\'', pos + 1);
                end = end < 0 ? src.length() - 1 : end;
                out.append(src, pos, end + 1);
                line += count(src.substring(pos, end + 1), '\n');
                pos = end + 1;
                continue;
            }
            if (c == '"') {
                int end = pos + 1;
                while (end < src.length() && src.charAt(end) != '"') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end, src.length() - 1);
                out.append(src, pos, end + 1);
                line += count(src.substring(pos, end + 1), '\n');
                pos = end + 1;
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close) {
                if (depth == 0) {
                    pos++;
                    return out.toString();
                }
                depth--;
            }
            out.append(c);
            pos++;
        }
        errors.add(new ShellError(at, String.valueOf(open), "unterminated " + open + "..." + close));
        return out.toString();
    }

    private Word.Part braceParam(String inner, boolean quoted, int at) {
        int i = 0;
        boolean length = false;
        boolean indirect = false;
        if (inner.startsWith("#") && inner.length() > 1 && (Character.isLetterOrDigit(inner.charAt(1))
                || inner.charAt(1) == '_' || "@*".indexOf(inner.charAt(1)) >= 0)) {
            length = true;
            i = 1;
        } else if (inner.startsWith("!") && inner.length() > 1) {
            indirect = true;
            i = 1;
        }
        int nameStart = i;
        if (i < inner.length() && (Character.isLetter(inner.charAt(i)) || inner.charAt(i) == '_')) {
            while (i < inner.length() && (Character.isLetterOrDigit(inner.charAt(i)) || inner.charAt(i) == '_')) {
                i++;
            }
        } else if (i < inner.length() && Character.isDigit(inner.charAt(i))) {
            while (i < inner.length() && Character.isDigit(inner.charAt(i))) {
                i++;
            }
        } else if (i < inner.length() && "@*#?$!-".indexOf(inner.charAt(i)) >= 0) {
            i++;
        } else {
            errors.add(new ShellError(at, "${" + inner + "}", "bad substitution"));
            return new Word.Lit("", quoted);
        }
        String name = inner.substring(nameStart, i);
        String index = null;
        if (i < inner.length() && inner.charAt(i) == '[') {
            int end = inner.indexOf(']', i);
            if (end < 0) {
                errors.add(new ShellError(at, "${" + inner + "}", "bad substitution"));
                return new Word.Lit("", quoted);
            }
            index = inner.substring(i + 1, end);
            i = end + 1;
        }
        String rest = inner.substring(i);
        if (rest.isEmpty()) {
            return new Word.Param(name, index, length, indirect, null, null, quoted);
        }
        for (String op : new String[] {":-", ":=", ":+", ":?", "##", "%%", "//", ",,", "^^", "-", "=", "+", "?", "#",
            "%", "/", ",", "^", ":"}) {
            if (rest.startsWith(op)) {
                return new Word.Param(name, index, length, indirect, op, rest.substring(op.length()), quoted);
            }
        }
        errors.add(new ShellError(at, "${" + inner + "}", "bad substitution"));
        return new Word.Lit("", quoted);
    }

    private Word.Part backtick(boolean quoted, int at) {
        int startLine = line;
        pos++;
        StringBuilder inner = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != '`') {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && pos + 1 < src.length() && "$`\\".indexOf(src.charAt(pos + 1)) >= 0) {
                inner.append(src.charAt(pos + 1));
                pos += 2;
                continue;
            }
            inner.append(c);
            pos++;
        }
        if (pos >= src.length()) {
            errors.add(new ShellError(at, "`", "unterminated backquote"));
        }
        pos++;
        return new Word.CommandSub(inner.toString(), startLine, quoted);
    }

    private String ansiC(int at) {
        pos += 2;
        StringBuilder out = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != '\'') {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length()) {
                char n = src.charAt(pos + 1);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'e' -> '\u001b';
                    default -> n;
                });
                pos += 2;
                continue;
            }
            out.append(c);
            pos++;
        }
        if (pos >= src.length()) {
            errors.add(new ShellError(at, "$'", "unterminated $'...'"));
        }
        pos++;
        return out.toString();
    }

    private void arrayAssign(String target, int at) {
        List<Word> items = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= src.length()) {
                errors.add(new ShellError(at, target + "(", "unterminated array assignment"));
                break;
            }
            char c = src.charAt(pos);
            if (c == ')') {
                pos++;
                break;
            }
            if (c == '\n') {
                pos++;
                line++;
                continue;
            }
            int before = tokens.size();
            boolean saved = commandStart;
            commandStart = false;
            word();
            commandStart = saved;
            Token t = tokens.remove(tokens.size() - 1);
            if (tokens.size() != before || t.word() == null || t.text().isEmpty()) {
                errors.add(new ShellError(at, target + "(", "unsupported array element"));
                pos++;
                continue;
            }
            items.add(t.word());
        }
        tokens.add(new Token(Token.Kind.ARRAY_ASSIGN, target, null, items, at));
        commandStart = false;
    }

    /** {@code [[ ... ]]}: every token up to {@code ]]} is a word, operators included. */
    private void doubleBracket(int at) {
        tokens.remove(tokens.size() - 1);
        List<Word> items = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                errors.add(new ShellError(at, "[[", "unterminated [[ ... ]]"));
                break;
            }
            if (src.startsWith("]]", pos) && (pos + 2 >= src.length() || " \t\n;&|)".indexOf(src.charAt(pos + 2)) >= 0)) {
                pos += 2;
                break;
            }
            if (!items.isEmpty() && "=~".equals(items.get(items.size() - 1).text())) {
                // the regular expression: one word up to a blank outside parentheses, ( | ) included
                int start = pos;
                int depth = 0;
                while (pos < src.length()) {
                    char c = src.charAt(pos);
                    if (c == '\\' && pos + 1 < src.length()) {
                        pos += 2;
                        continue;
                    }
                    if (depth == 0 && (c == ' ' || c == '\t' || c == '\n' || src.startsWith("]]", pos))) {
                        break;
                    }
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    pos++;
                }
                String regex = src.substring(start, pos);
                if (regex.indexOf('(') >= 0 && !regex.contains("$(") && !regex.contains("${")) {
                    items.add(new Word(List.of(new Word.Lit(regex, false)), regex));
                    continue;
                }
                pos = start; // no group: an ordinary word, expansions included
            }
            String[] ops = {"&&", "||", "(", ")", "!", "<", ">"};
            boolean matched = false;
            for (String op : ops) {
                boolean standalone = !op.equals("!") || pos + 1 >= src.length()
                        || " \t(".indexOf(src.charAt(pos + 1)) >= 0;
                if (src.startsWith(op, pos) && standalone) {
                    items.add(new Word(List.of(new Word.Lit(op, false)), op));
                    pos += op.length();
                    matched = true;
                    break;
                }
            }
            if (matched) {
                continue;
            }
            boolean saved = commandStart;
            commandStart = false;
            word();
            commandStart = saved;
            Token t = tokens.remove(tokens.size() - 1);
            if (t.text().isEmpty()) {
                pos++;
                continue;
            }
            items.add(t.word());
        }
        tokens.add(new Token(Token.Kind.DBL_BRACKET, "[[", null, items, at));
        commandStart = false;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
