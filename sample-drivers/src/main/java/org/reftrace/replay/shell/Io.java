package org.reftrace.replay.shell;

import java.io.PrintStream;

/**
 * A command's standard streams: text written to {@code out} and {@code err}, and what it may read on {@code in}.
 *
 * @param in  standard input (the previous command's output in a pipeline), possibly empty
 * @param out standard output
 * @param err standard error
 */
public record Io(String in, Sink out, Sink err) {

    /** Where a stream's text goes. */
    public interface Sink {
        void write(String text);

        /** Writes {@code text} and a newline. */
        default void println(String text) {
            write(text + "\n");
        }
    }

    /** Discards everything ({@code /dev/null}). */
    public static final Sink NULL = text -> { };

    /** A sink that prints to {@code stream}. */
    public static Sink of(PrintStream stream) {
        return text -> {
            stream.print(text);
            stream.flush();
        };
    }

    /** A sink that collects text, for command substitution and pipelines. */
    public static final class Buffer implements Sink {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(String s) {
            text.append(s);
        }

        public synchronized String text() {
            return text.toString();
        }
    }

    public Io withIn(String input) {
        return new Io(input, out, err);
    }

    public Io withOut(Sink sink) {
        return new Io(in, sink, err);
    }

    public Io withErr(Sink sink) {
        return new Io(in, out, sink);
    }
}
