package org.reftrace.replay.shell;

import java.util.List;

/**
 * A lexical token of a script.
 *
 * @param kind  what it is
 * @param text  the operator as written, or the word's text
 * @param word  for {@link Kind#WORD}, the word; else {@code null}
 * @param items for {@link Kind#ARRAY_ASSIGN}, the elements; for {@link Kind#DBL_BRACKET}, the words inside
 * @param line  1-based line where it starts
 */
record Token(Kind kind, String text, Word word, List<Word> items, int line) {

    enum Kind {
        WORD,
        /** {@code NAME=(a b c)} or {@code NAME+=(...)}: {@code text} is {@code NAME=} or {@code NAME+=}. */
        ARRAY_ASSIGN,
        /** {@code ((expr))}: {@code text} is the expression. */
        ARITH_CMD,
        /** {@code [[ ... ]]}. */
        DBL_BRACKET,
        NEWLINE,
        SEMI,
        DSEMI,
        AMP,
        AND_IF,
        OR_IF,
        PIPE,
        LPAREN,
        RPAREN,
        /** A redirection operator; {@code text} is the operator with its file descriptor, e.g. {@code 2>}. */
        REDIR,
        EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** Whether this is the unquoted word {@code text} (a reserved word in command position). */
    boolean isReserved(String reserved) {
        return kind == Kind.WORD && word.isPlainLiteral() && reserved.equals(word.literal());
    }
}
