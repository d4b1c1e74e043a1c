package org.reftrace.dump;

/**
 * The limits of the dump format, the same for the writer and the reader (docs/dump-format.md, "Limits"): the
 * reader refuses a dump beyond them with one line, and the writer never writes one, cutting what is longer and
 * counting it in the dump ({@code limitsApplied}, read back as {@link Health#drops()} entries), so that the
 * agent can never write a dump its own viewer refuses.
 */
public final class DumpLimits {
    /** Characters in one string value, at most (a name, an owner, a message, a frame). */
    public static final int MAX_STRING_CHARS = 1 << 20;
    /** Characters in one field name, at most (the writer's names are short: ids, types, percentiles). */
    public static final int MAX_NAME_CHARS = 4096;
    /** Characters in one number, at most (a long has 20, a double 24). */
    public static final int MAX_NUMBER_CHARS = 64;
    /** Nesting of arrays and objects, at most, unknown fields included (the writer nests 5 deep). */
    public static final int MAX_NESTING = 64;

    private DumpLimits() {}

    /** What the reader says when the parser stopped at a limit ({@code jacksonMessage} names which). */
    static String exceeded(String jacksonMessage) {
        String m = jacksonMessage == null ? "" : jacksonMessage;
        String which;
        if (m.startsWith("String value length")) {
            which = "a string is longer than " + MAX_STRING_CHARS + " characters";
        } else if (m.startsWith("Number value length")) {
            which = "a number is longer than " + MAX_NUMBER_CHARS + " characters";
        } else if (m.startsWith("Document nesting depth")) {
            which = "arrays and objects nest deeper than " + MAX_NESTING;
        } else if (m.startsWith("Name length")) {
            which = "a field name is longer than " + MAX_NAME_CHARS + " characters";
        } else {
            which = "a value is beyond the format's limits";
        }
        return which + " (the dump format's limits, see docs/dump-format.md; a reftrace agent never writes such a dump)";
    }
}
