package org.reftrace.cli;

/**
 * Text from dumps, logs and other processes, made safe for a terminal: control characters (ESC, NUL, a lone
 * CR, ...) would move the cursor, recolour or clear the screen, or hide what follows. They are shown as
 * escapes instead ({@code \e}, {@code \0}, {@code \r}, {@code \t}, {@code \x7f}, {@code \u009b}).
 */
final class Terminal {
    private Terminal() {}

    /** {@code text} with every control character (C0, DEL, C1) written as an escape; {@code null} stays "null". */
    static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (!control) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            switch (c) {
                case 0x1b -> out.append("\\e");
                case 0 -> out.append("\\0");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x80 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }
}
