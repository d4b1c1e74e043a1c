package org.reftrace.dump;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * An output path with placeholders, as async-profiler's {@code -f} takes them: {@code %p} the process id,
 * {@code %t} a timestamp ({@code yyyyMMdd-HHmmss}, local time), {@code %%} a percent sign. Used for every path
 * reftrace writes (the agent's {@code dump=}, the CLI's {@code -o}), so that {@code dump=d-%p-%t.json} names one
 * file per run. Any other {@code %} sequence is an error, so that a typo never becomes a file name.
 */
public final class PathTemplate {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.systemDefault());

    /** A template with a placeholder reftrace does not know; the message says which and what is known. */
    public static final class TemplateException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message);
        }
    }

    private PathTemplate() {}

    /**
     * Expands {@code template}: {@code %p} to {@code pid}, {@code %t} to {@code time}'s timestamp, {@code %%} to
     * {@code %}.
     *
     * @throws TemplateException for any other {@code %} sequence, or a {@code %} at the end
     */
    public static String expand(String template, long pid, Instant time) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char next = i + 1 < template.length() ? template.charAt(i + 1) : 0;
            switch (next) {
                case 'p' -> out.append(pid);
                case 't' -> out.append(TIMESTAMP.format(time));
                case '%' -> out.append('%');
                default -> throw new TemplateException("'" + template + "' has "
                        + (next == 0 ? "a lone '%' at its end" : "an unknown placeholder '%" + next + "'")
                        + " (expected: %p for the pid, %t for a timestamp, %% for a percent sign)");
            }
            i++;
        }
        return out.toString();
    }

    /** Whether {@code template} has a placeholder to expand. */
    public static boolean hasPlaceholders(String template) {
        return template.indexOf('%') >= 0;
    }
}
