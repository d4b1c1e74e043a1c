package org.reftrace.dump;

/**
 * A dump that cannot be read: empty, not JSON, truncated, of another format or a newer version, or missing a
 * field. The message names the file and where in it, says what was expected, and what to do.
 */
public final class DumpFormatException extends Exception {
    private final String source;
    private final long line;
    private final long column;

    public DumpFormatException(String source, long line, long column, String problem) {
        super(source + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file (or other source) read. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}
