package org.reftrace.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reproducers as commit messages quote them: commands after a root or user prompt ({@code # ip link add ...},
 * {@code $ sudo ip ...}, {@code [root@host ~]# ...}), between lines of output and prose. A text is read this way
 * when it has no shebang and some line is a prompt followed by a command the replay knows; then the prompt lines
 * become the script (the prompt, and a leading {@code sudo}, removed; a {@code \} continuation takes the next line
 * along) and every other line is output or prose, blanked so that line numbers stay those of the text.
 */
final class PromptScript {
    private static final Pattern PROMPT = Pattern.compile("^\\s*(?:\\[[^\\]]*\\]|[\\w.-]+@[\\w.:~/-]*)?\\s*[#$%]\\s+(.*)$");

    /** The text converted, and how many lines were output or prose. */
    record Converted(String script, boolean prompted, int outputLines) {}

    private PromptScript() {}

    static Converted convert(String text) {
        String[] lines = text.split("\r?\n", -1);
        if (lines.length > 0 && lines[0].startsWith("#!")) {
            return new Converted(text, false, 0);
        }
        boolean prompted = false;
        for (String line : lines) {
            String command = command(line);
            if (command != null) {
                prompted = true;
                break;
            }
        }
        if (!prompted) {
            return new Converted(text, false, 0);
        }
        List<String> out = new ArrayList<>();
        int output = 0;
        boolean continued = false;
        for (String line : lines) {
            if (continued) {
                String next = line.replaceFirst("^\\s*>\\s?", "");
                out.add(next);
                continued = next.endsWith("\\");
                continue;
            }
            String command = command(line);
            if (command != null) {
                out.add(command);
                continued = command.endsWith("\\");
            } else {
                out.add("");
                if (!line.isBlank() && !PROMPT.matcher(line).matches()) {
                    output++;
                }
            }
        }
        return new Converted(String.join("\n", out), true, output);
    }

    /** The command after a prompt, or {@code null} when the line is not a prompt with a known command. */
    private static String command(String line) {
        Matcher m = PROMPT.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String command = m.group(1).strip();
        if (command.startsWith("sudo ")) {
            command = command.substring(5).strip();
        }
        String first = command.split("\\s+", 2)[0];
        return CommandTable.knows(first) || first.equals("echo") || first.equals("for") || first.equals("while")
                ? command : null;
    }
}
