package org.reftrace.dump;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * The writer's side of {@link DumpLimits}: a generator that cuts a string longer than
 * {@link DumpLimits#MAX_STRING_CHARS} (ending it with {@code ...[N characters cut]}) and writes a non-finite number
 * as 0, counting both, so that a dump the agent writes is always one its reader accepts. Not thread-safe (one
 * dump, one thread).
 */
final class LimitedGenerator extends JsonGeneratorDelegate {
    private long stringsTruncated;
    private long nonFiniteNumbers;

    LimitedGenerator(JsonGenerator delegate) {
        super(delegate, false);
    }

    /** Strings cut so far. */
    long stringsTruncated() {
        return stringsTruncated;
    }

    /** Non-finite numbers (NaN, infinities) written as 0 so far. */
    long nonFiniteNumbers() {
        return nonFiniteNumbers;
    }

    /** {@code value} within the limit, ending with how much was cut when it was cut. */
    String fit(String value) {
        if (value == null || value.length() <= DumpLimits.MAX_STRING_CHARS) {
            return value;
        }
        stringsTruncated++;
        // room for the longest marker: a String's length has at most 10 digits
        int keep = DumpLimits.MAX_STRING_CHARS - "...[9999999999 characters cut]".length();
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--; // never half a character
        }
        return value.substring(0, keep) + "...[" + (value.length() - keep) + " characters cut]";
    }

    @Override
    public void writeString(String text) throws IOException {
        super.writeString(fit(text));
    }

    @Override
    public void writeStringField(String fieldName, String value) throws IOException {
        writeFieldName(fieldName);
        writeString(value);
    }

    @Override
    public void writeNumber(double v) throws IOException {
        if (Double.isFinite(v)) {
            super.writeNumber(v);
        } else {
            nonFiniteNumbers++;
            super.writeNumber(0.0);
        }
    }

    @Override
    public void writeNumberField(String fieldName, double value) throws IOException {
        writeFieldName(fieldName);
        writeNumber(value);
    }
}
