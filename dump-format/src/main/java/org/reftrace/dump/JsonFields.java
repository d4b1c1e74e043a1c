package org.reftrace.dump;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading one JSON object field by field with a streaming parser, checking types and required fields, and
 * turning every mismatch into a {@link DumpFormatException} that says where.
 */
final class JsonFields {
    /** Handles one field's value; the parser is on the value's first token. */
    interface FieldHandler {
        void read(String name) throws IOException, DumpFormatException;
    }

    /** Values met at most this often are shared; past it, new values are no longer remembered. */
    static final int MAX_SHARED = 1 << 16;
    /** Longer values (messages) are not shared. */
    static final int MAX_SHARED_LENGTH = 256;

    private final JsonParser parser;
    private final String source;
    /**
     * Repeated values (kinds, states, call sites, owners, threads, stack ids) as one string each: a million holders at
     * ten call sites keep ten site strings, not a million, which is most of a large dump's memory.
     */
    private final Map<String, String> shared = new java.util.HashMap<>();

    JsonFields(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** Reads the object the parser is on (its START_OBJECT), checking that {@code required} fields appear. */
    void readObject(String what, List<String> required, FieldHandler handler) throws IOException, DumpFormatException {
        expect(JsonToken.START_OBJECT, what);
        // a flag per required field, not a set per object: a large dump has millions of objects
        boolean[] seen = required.isEmpty() ? null : new boolean[required.size()];
        while (next() != JsonToken.END_OBJECT) {
            String name = parser.currentName();
            next();
            if (seen != null) {
                int at = required.indexOf(name);
                if (at >= 0) {
                    seen[at] = true;
                }
            }
            handler.read(name);
        }
        for (int i = 0; seen != null && i < seen.length; i++) {
            if (!seen[i]) {
                throw error(what + " has no '" + required.get(i) + "' field");
            }
        }
    }

    /** Reads an array the parser is on, each element with {@code element}. */
    void readArray(String what, ElementReader element) throws IOException, DumpFormatException {
        expect(JsonToken.START_ARRAY, what);
        while (next() != JsonToken.END_ARRAY) {
            element.read();
        }
    }

    interface ElementReader {
        void read() throws IOException, DumpFormatException;
    }

    /** A string, or {@code null} for JSON null: for the fields the format lets be null. */
    String string(String what) throws IOException, DumpFormatException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(JsonToken.VALUE_STRING, what);
        String text = parser.getText();
        if (text.length() > MAX_SHARED_LENGTH) {
            return text;
        }
        String known = shared.get(text);
        if (known != null) {
            return known;
        }
        if (shared.size() < MAX_SHARED) {
            shared.put(text, text);
        }
        return text;
    }

    /** A string that may not be null: for the fields the writer always fills. */
    String text(String what) throws IOException, DumpFormatException {
        expect(JsonToken.VALUE_STRING, what);
        return parser.getText();
    }

    /** A whole number that fits a Java {@code long}. */
    long number(String what) throws IOException, DumpFormatException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw error(what + " should be a whole number, not " + describe(parser.currentToken()));
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw error(what + " is out of range: " + parser.getText() + " (expected: " + Long.MIN_VALUE + ".."
                    + Long.MAX_VALUE + ")");
        }
        return parser.getLongValue();
    }

    /** A whole number from {@code min} to {@code max}. */
    long number(String what, long min, long max) throws IOException, DumpFormatException {
        long value = number(what);
        if (value < min || value > max) {
            throw error(what + " is out of range: " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    /** A count: a whole number from 0 to {@link Long#MAX_VALUE}. */
    long count(String what) throws IOException, DumpFormatException {
        return number(what, 0, Long.MAX_VALUE);
    }

    /** A whole number that fits a Java {@code int}. */
    int intNumber(String what) throws IOException, DumpFormatException {
        return (int) number(what, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A count that fits a Java {@code int}: 0 to {@link Integer#MAX_VALUE}. */
    int intCount(String what) throws IOException, DumpFormatException {
        return (int) number(what, 0, Integer.MAX_VALUE);
    }

    Long nullableNumber(String what) throws IOException, DumpFormatException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : number(what);
    }

    Integer nullableInt(String what) throws IOException, DumpFormatException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : intNumber(what);
    }

    /** A finite number. */
    double decimal(String what) throws IOException, DumpFormatException {
        if (!parser.currentToken().isNumeric()) {
            throw error(what + " should be a number, not " + describe(parser.currentToken()));
        }
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw error(what + " is out of range: " + parser.getText() + " (expected a finite number)");
        }
        return value;
    }

    boolean bool(String what) throws IOException, DumpFormatException {
        if (!parser.currentToken().isBoolean()) {
            throw error(what + " should be true or false, not " + describe(parser.currentToken()));
        }
        return parser.getBooleanValue();
    }

    /** Strings, none of them null (the records copy their lists, and a copy refuses nulls). */
    List<String> strings(String what) throws IOException, DumpFormatException {
        List<String> values = new ArrayList<>();
        readArray(what, () -> values.add(text(what + " entry")));
        return values;
    }

    Map<String, Long> numbers(String what) throws IOException, DumpFormatException {
        Map<String, Long> values = new LinkedHashMap<>();
        readObject(what, List.of(), name -> values.put(name, number(what + "." + name)));
        return values;
    }

    /** An object of counts that fit an {@code int}. */
    Map<String, Integer> intCounts(String what) throws IOException, DumpFormatException {
        Map<String, Integer> values = new LinkedHashMap<>();
        readObject(what, List.of(), name -> values.put(name, intCount(what + "." + name)));
        return values;
    }

    void skip() throws IOException {
        parser.skipChildren();
    }

    JsonToken next() throws IOException, DumpFormatException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw error("the file ends in the middle of the dump (truncated?)");
        }
        return token;
    }

    void expect(JsonToken token, String what) throws DumpFormatException {
        if (parser.currentToken() != token) {
            throw error(what + " should be " + describe(token) + ", not " + describe(parser.currentToken()));
        }
    }

    DumpFormatException error(String problem) {
        JsonLocation at = parser.currentTokenLocation();
        return new DumpFormatException(source, at.getLineNr(), at.getColumnNr(), problem);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }
}
