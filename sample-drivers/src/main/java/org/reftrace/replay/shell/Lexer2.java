package org.reftrace.replay.shell;

import java.util.ArrayList;
import java.util.List;

/** Reads bits of text found inside expansions ({@code ${x:-word}}, arithmetic) as words. */
final class Lexer2 {
    private Lexer2() {}

    /** {@code text} as one word, its blanks kept as literal text. */
    static Word asWord(String text, int line) {
        List<ShellError> ignored = new ArrayList<>();
        List<Token> tokens = Lexer.tokenize(text, line, ignored);
        List<Word.Part> parts = new ArrayList<>();
        for (Token t : tokens) {
            if (t.is(Token.Kind.WORD)) {
                if (!parts.isEmpty()) {
                    parts.add(new Word.Lit(" ", false));
                }
                parts.addAll(t.word().parts());
            } else if (!t.is(Token.Kind.EOF) && !t.is(Token.Kind.NEWLINE)) {
                parts.add(new Word.Lit(t.text(), false));
            }
        }
        return new Word(parts, text);
    }

    /** {@code text} as if written between double quotes: expansions, no splitting. */
    static Word asDoubleQuoted(String text) {
        List<ShellError> ignored = new ArrayList<>();
        String quoted = "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        List<Token> tokens = Lexer.tokenize(quoted, 0, ignored);
        return tokens.isEmpty() || tokens.get(0).word() == null ? new Word(List.of(new Word.Lit(text, true)), text)
                : tokens.get(0).word();
    }
}
