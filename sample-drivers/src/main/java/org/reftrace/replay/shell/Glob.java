package org.reftrace.replay.shell;

import java.util.regex.Pattern;

/**
 * Shell patterns ({@code *}, {@code ?}, {@code [...]}), for {@code case}, {@code [[ == ]]} and the
 * {@code ${var#pattern}} family. A backslash makes the next character literal (quoted text reaches here escaped).
 */
final class Glob {
    private Glob() {}

    static Pattern toRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = pattern.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String cls = pattern.substring(i + 1, end);
                        if (cls.startsWith("!")) {
                            cls = "^" + cls.substring(1);
                        }
                        re.append('[').append(cls.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    static boolean matches(String pattern, String text) {
        return toRegex(pattern).matcher(text).matches();
    }

    /** {@code ${v#p}} ({@code longest} false) and {@code ${v##p}}. */
    static String removePrefix(String value, String pattern, boolean longest) {
        Pattern p = toRegex(pattern);
        if (longest) {
            for (int i = value.length(); i >= 0; i--) {
                if (p.matcher(value.substring(0, i)).matches()) {
                    return value.substring(i);
                }
            }
        } else {
            for (int i = 0; i <= value.length(); i++) {
                if (p.matcher(value.substring(0, i)).matches()) {
                    return value.substring(i);
                }
            }
        }
        return value;
    }

    /** {@code ${v%p}} ({@code longest} false) and {@code ${v%%p}}. */
    static String removeSuffix(String value, String pattern, boolean longest) {
        Pattern p = toRegex(pattern);
        if (longest) {
            for (int i = 0; i <= value.length(); i++) {
                if (p.matcher(value.substring(i)).matches()) {
                    return value.substring(0, i);
                }
            }
        } else {
            for (int i = value.length(); i >= 0; i--) {
                if (p.matcher(value.substring(i)).matches()) {
                    return value.substring(0, i);
                }
            }
        }
        return value;
    }

    /** {@code ${v/p/r}} and {@code ${v//p/r}}: replaces the longest match at each place. */
    static String replace(String value, String pattern, String replacement, boolean all) {
        boolean anchorStart = pattern.startsWith("#");
        boolean anchorEnd = pattern.startsWith("%");
        if (anchorStart || anchorEnd) {
            pattern = pattern.substring(1);
        }
        Pattern p = toRegex(pattern);
        StringBuilder out = new StringBuilder();
        int i = 0;
        boolean done = false;
        while (i <= value.length()) {
            int matchEnd = -1;
            if (!done && (!anchorStart || i == 0)) {
                for (int j = value.length(); j >= i; j--) {
                    if ((!anchorEnd || j == value.length()) && p.matcher(value.substring(i, j)).matches() && j > i) {
                        matchEnd = j;
                        break;
                    }
                }
            }
            if (matchEnd >= 0) {
                out.append(replacement);
                i = matchEnd;
                done = !all;
                continue;
            }
            if (i < value.length()) {
                out.append(value.charAt(i));
            }
            i++;
        }
        return out.toString();
    }
}
