package org.reftrace.replay.shell;

import java.util.List;

/**
 * One shell word as written: a sequence of parts, each literal or an expansion, each remembering whether it was
 * quoted (quoted text is not split into fields).
 *
 * @param parts the parts, in order
 * @param text  the word as written, for messages
 */
public record Word(List<Part> parts, String text) {

    public Word {
        parts = List.copyOf(parts);
    }

    /** One part of a word. */
    public sealed interface Part {
        /** Whether the part was inside quotes (or escaped). */
        boolean quoted();
    }

    /** Literal characters. */
    public record Lit(String text, boolean quoted) implements Part {}

    /**
     * A parameter expansion: {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}}, {@code ${#NAME}},
     * {@code ${NAME[@]}}, {@code ${!NAME}} and the other operators of {@code ${...}}.
     *
     * @param name     the parameter: a variable name, a digit, or one of {@code @ * # ? $ ! -}
     * @param index    the array index as written ({@code @}, {@code *}, a number, an expression), or {@code null}
     * @param length   {@code ${#NAME}}
     * @param indirect {@code ${!NAME}}
     * @param op       the operator ({@code :-}, {@code -}, {@code :=}, {@code :+}, {@code #}, {@code ##}, {@code %},
     *                 {@code %%}, {@code /}, {@code //}, {@code :}, {@code ,,}, {@code ^^}, {@code ,}, {@code ^}), or
     *                 {@code null}
     * @param arg      the operator's argument, unexpanded text (a word), or {@code null}
     */
    public record Param(String name, String index, boolean length, boolean indirect, String op, String arg,
            boolean quoted) implements Part {}

    /** {@code $(...)} or {@code `...`}: the inner script, parsed when expanded. */
    public record CommandSub(String script, int line, boolean quoted) implements Part {}

    /** {@code $((...))}. */
    public record Arith(String expression, boolean quoted) implements Part {}

    /** Whether the word is nothing but unquoted literal text. */
    public boolean isPlainLiteral() {
        return parts.stream().allMatch(p -> p instanceof Lit l && !l.quoted());
    }

    /** The literal value when the word has no expansion (quotes removed), else {@code null}. */
    public String literal() {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (!(p instanceof Lit l)) {
                return null;
            }
            out.append(l.text());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
