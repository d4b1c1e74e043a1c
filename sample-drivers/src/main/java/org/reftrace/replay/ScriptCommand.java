package org.reftrace.replay;

import java.util.List;
import java.util.Map;

/**
 * One parsed line of a reproducer script.
 *
 * @param line    1-based line in the file
 * @param number  1-based count of commands (comments and blank lines do not count)
 * @param text    the line as written
 * @param netns   the namespace it runs in ({@code ip -n NS}, {@code ip netns exec NS}), or {@code null} for init_net
 * @param action  what it does
 */
public record ScriptCommand(int line, int number, String text, String netns, Action action) {

    /** What a command does. */
    public sealed interface Action {}

    /** {@code ip link add [link DEV] [name] NAME type KIND [ARGS]}. */
    public record LinkAdd(String name, String link, String kind, Map<String, String> data) implements Action {}

    /** {@code ip link del [dev] NAME}. */
    public record LinkDel(String name) implements Action {}

    /** {@code ip link set [dev] NAME OP...}: {@code up}, {@code down}, {@code master M}, {@code nomaster},
     *  {@code netns NS}, in order. */
    public record LinkSet(String name, List<String[]> ops) implements Action {}

    /** {@code ip netns add NAME}. */
    public record NetnsAdd(String name) implements Action {}

    /** {@code ip netns del NAME}. */
    public record NetnsDel(String name) implements Action {}

    /** {@code rmmod MOD}, {@code modprobe -r MOD}. */
    public record ModuleRemove(String module) implements Action {}

    /** {@code modprobe MOD}. */
    public record ModuleLoad(String module) implements Action {}

    /** How the command names its thread while it runs: what the report shows as "taken during". */
    public String threadName() {
        return "line " + line + (line != number ? " (command " + number + ")" : "") + ": " + text;
    }
}
