package org.reftrace.replay.shell;

import java.util.List;

/** The syntax tree of a script: what the {@link Parser} makes and the {@link Shell} runs. */
public sealed interface Node {

    /** The line the node starts on. */
    int line();

    /** Commands run in sequence ({@code ;} or newline); {@code background} marks those ended by {@code &}. */
    record Sequence(List<Node> items, int line) implements Node {}

    /** {@code a && b || c}: {@code ops.get(i)} joins items i and i+1. */
    record AndOr(List<Node> items, List<String> ops, int line) implements Node {}

    /** {@code a | b}, possibly negated with {@code !}. */
    record Pipeline(List<Node> commands, boolean negated, int line) implements Node {}

    /** {@code cmd &}: run without waiting (the model runs it at once, in order). */
    record Background(Node command, int line) implements Node {}

    /**
     * A simple command: assignments, words and redirections.
     *
     * @param assignments {@code NAME=value} (and {@code NAME=(...)}) before the command name
     * @param words       the command name and arguments, unexpanded
     * @param redirects   the redirections
     * @param text        the source text of the command, for messages and thread names
     */
    record Simple(List<Assignment> assignments, List<Word> words, List<Redirect> redirects, String text, int line)
            implements Node {}

    /** {@code NAME=value}, {@code NAME+=value}, {@code NAME=(a b)}, {@code NAME[index]=value}. */
    record Assignment(String name, boolean append, Word value, List<Word> array, Word index) {
        Assignment(String name, boolean append, Word value, List<Word> array) {
            this(name, append, value, array, null);
        }
    }

    /** {@code 2>/dev/null}, {@code >>file}, {@code 2>&1}, {@code <file}. */
    record Redirect(String op, Word target) {}

    /** {@code { list; }}. */
    record Group(Node body, List<Redirect> redirects, int line) implements Node {}

    /** {@code ( list )}: variables set inside stay inside. */
    record Subshell(Node body, List<Redirect> redirects, int line) implements Node {}

    /** {@code if c; then a; elif c2; then b; else d; fi}: {@code conditions.size() == bodies.size()}. */
    record If(List<Node> conditions, List<Node> bodies, Node elseBody, List<Redirect> redirects, int line)
            implements Node {}

    /** {@code for NAME [in WORDS]; do body; done}; without {@code in}, the positional parameters. */
    record For(String name, List<Word> words, Node body, List<Redirect> redirects, int line) implements Node {}

    /** {@code for ((init; cond; step)); do body; done}. */
    record ArithFor(String init, String condition, String step, Node body, int line) implements Node {}

    /** {@code while c; do body; done}, or {@code until} with {@code until} set. */
    record While(Node condition, Node body, boolean until, List<Redirect> redirects, int line) implements Node {}

    /** {@code case WORD in pat|pat) body;; esac}. */
    record Case(Word subject, List<List<Word>> patterns, List<Node> bodies, List<Redirect> redirects, int line)
            implements Node {}

    /** {@code name() compound} or {@code function name compound}. */
    record FunctionDef(String name, Node body, int line) implements Node {}

    /** {@code ((expression))}. */
    record ArithCommand(String expression, int line) implements Node {}

    /** {@code [[ words ]]}. */
    record TestCommand(List<Word> words, int line) implements Node {}

    /** A construct that could not be parsed, kept so that running it reports it once. */
    record Unsupported(ShellError error, int lastLine, int line) implements Node {}
}
