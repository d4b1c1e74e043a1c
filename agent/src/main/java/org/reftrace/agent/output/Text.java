package org.reftrace.agent.output;

/** Text from the watched program (names, messages) made safe for a terminal. */
public final class Text {
    private Text() {}

    /**
     * {@code text} with every control character (ESC, NUL, CR, BEL ...; tabs and line feeds too, so one record
     * stays one line) written as {@code \\uXXXX}; {@code null} stays {@code null}.
     */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
