package org.reftrace.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a reproducer: shell-like lines of iproute2 commands, as kernel commit messages give them. Comments,
 * blank lines and a shebang are skipped. Anything else that is not supported is an error naming the line and
 * what is supported; nothing half-parses silently.
 */
public final class ScriptParser {
    /** Link types the replay can create, and their module names. */
    public static final Map<String, String> MODULE_OF_KIND = Map.of("dummy", "dummy", "veth", "veth", "vlan", "8021q",
            "bridge", "bridge", "macvlan", "macvlan", "sit", "sit");
    static final String SUPPORTED = "ip link add/del/set, ip netns add/del, ip -n NS ..., ip netns exec NS ip ..., "
            + "rmmod MOD, modprobe [-r] MOD";
    private static final Map<String, Set<String>> TYPE_OPTIONS = Map.of("vlan", Set.of("id"), "veth", Set.of("peer"),
            "macvlan", Set.of("mode", "macaddr"), "dummy", Set.of(), "bridge", Set.of(), "sit", Set.of());

    /** A line that could not be parsed. */
    public record Error(int line, String text, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message + ": " + text;
        }
    }

    /** The commands, and the lines that could not be parsed. */
    public record Script(List<ScriptCommand> commands, List<Error> errors) {}

    private ScriptParser() {}

    public static Script parse(String text) {
        List<ScriptCommand> commands = new ArrayList<>();
        List<Error> errors = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int number = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            number++;
            try {
                commands.add(parseLine(i + 1, number, line));
            } catch (IllegalArgumentException e) {
                errors.add(new Error(i + 1, line, e.getMessage()));
            }
        }
        return new Script(commands, errors);
    }

    private static ScriptCommand parseLine(int line, int number, String text) {
        List<String> words = new ArrayList<>(Arrays.asList(text.split("\\s+")));
        String netns = null;
        if (words.size() >= 5 && words.get(0).equals("ip") && words.get(1).equals("netns") && words.get(2).equals("exec")) {
            netns = words.get(3);
            words = new ArrayList<>(words.subList(4, words.size()));
            if (words.isEmpty() || !words.get(0).equals("ip")) {
                throw new IllegalArgumentException("only 'ip' commands can run under 'ip netns exec' (supported: "
                        + SUPPORTED + ")");
            }
        }
        String command = words.get(0);
        if (command.equals("rmmod") && words.size() == 2) {
            return new ScriptCommand(line, number, text, null, new ScriptCommand.ModuleRemove(words.get(1)));
        }
        if (command.equals("modprobe")) {
            if (words.size() == 3 && words.get(1).equals("-r")) {
                return new ScriptCommand(line, number, text, null, new ScriptCommand.ModuleRemove(words.get(2)));
            }
            if (words.size() == 2) {
                return new ScriptCommand(line, number, text, null, new ScriptCommand.ModuleLoad(words.get(1)));
            }
        }
        if (!command.equals("ip")) {
            throw new IllegalArgumentException("unsupported command '" + command + "' (supported: " + SUPPORTED + ")");
        }
        int at = 1;
        if (words.size() > 2 && words.get(1).equals("-n")) {
            netns = words.get(2);
            at = 3;
        }
        List<String> rest = words.subList(at, words.size());
        if (rest.size() >= 2 && rest.get(0).equals("link")) {
            return new ScriptCommand(line, number, text, netns, link(rest.get(1), rest.subList(2, rest.size())));
        }
        if (rest.size() == 3 && rest.get(0).equals("netns")) {
            switch (rest.get(1)) {
                case "add":
                    return new ScriptCommand(line, number, text, null, new ScriptCommand.NetnsAdd(rest.get(2)));
                case "del", "delete":
                    return new ScriptCommand(line, number, text, null, new ScriptCommand.NetnsDel(rest.get(2)));
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unsupported command (supported: " + SUPPORTED + ")");
    }

    private static ScriptCommand.Action link(String verb, List<String> args) {
        return switch (verb) {
            case "add" -> linkAdd(args);
            case "del", "delete" -> {
                List<String> a = args.size() == 2 && args.get(0).equals("dev") ? args.subList(1, 2) : args;
                if (a.size() != 1) {
                    throw new IllegalArgumentException("expected: ip link del [dev] NAME");
                }
                yield new ScriptCommand.LinkDel(a.get(0));
            }
            case "set" -> linkSet(args);
            default -> throw new IllegalArgumentException("unsupported 'ip link " + verb
                    + "' (supported: ip link add, ip link del, ip link set)");
        };
    }

    private static ScriptCommand.Action linkAdd(List<String> args) {
        String name = null;
        String link = null;
        String kind = null;
        Map<String, String> data = new LinkedHashMap<>();
        int i = 0;
        while (i < args.size() && kind == null) {
            String word = args.get(i);
            switch (word) {
                case "link" -> link = value(args, ++i, "link");
                case "name", "dev" -> name = value(args, ++i, word);
                case "type" -> kind = value(args, ++i, "type");
                default -> {
                    if (name != null) {
                        throw new IllegalArgumentException("unsupported option '" + word + "' for ip link add "
                                + "(supported: link DEV, name NAME, type KIND)");
                    }
                    name = word;
                }
            }
            i++;
        }
        if (kind == null) {
            throw new IllegalArgumentException("ip link add needs a type (supported: "
                    + String.join(", ", MODULE_OF_KIND.keySet().stream().sorted().toList()) + ")");
        }
        if (!MODULE_OF_KIND.containsKey(kind)) {
            throw new IllegalArgumentException("unsupported link type '" + kind + "' (supported: "
                    + String.join(", ", MODULE_OF_KIND.keySet().stream().sorted().toList()) + ")");
        }
        while (i < args.size()) {
            String option = args.get(i);
            if (!TYPE_OPTIONS.get(kind).contains(option)) {
                throw new IllegalArgumentException("unsupported option '" + option + "' for type " + kind
                        + " (supported: " + (TYPE_OPTIONS.get(kind).isEmpty() ? "none"
                        : String.join(", ", TYPE_OPTIONS.get(kind).stream().sorted().toList())) + ")");
            }
            if (option.equals("peer") && i + 1 < args.size() && args.get(i + 1).equals("name")) {
                i++;
            }
            if (option.equals("macaddr") && i + 1 < args.size() && args.get(i + 1).equals("add")) {
                i++;
            }
            data.put(option, value(args, ++i, option));
            i++;
        }
        if (kind.equals("vlan") && (link == null || !data.containsKey("id"))) {
            throw new IllegalArgumentException("a vlan needs 'link DEV' and 'id N'");
        }
        if (name == null) {
            name = kind + "%d";
        }
        return new ScriptCommand.LinkAdd(name, link, kind, data);
    }

    private static ScriptCommand.Action linkSet(List<String> args) {
        List<String> a = !args.isEmpty() && args.get(0).equals("dev") ? args.subList(1, args.size()) : args;
        if (a.size() < 2) {
            throw new IllegalArgumentException("expected: ip link set [dev] NAME up|down|master DEV|nomaster|netns NS");
        }
        List<String[]> ops = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            String op = a.get(i);
            switch (op) {
                case "up", "down", "nomaster" -> ops.add(new String[] {op});
                case "master", "netns" -> ops.add(new String[] {op, value(a, ++i, op)});
                default -> throw new IllegalArgumentException("unsupported 'ip link set' option '" + op
                        + "' (supported: up, down, master DEV, nomaster, netns NS)");
            }
        }
        return new ScriptCommand.LinkSet(a.get(0), ops);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("'" + option + "' needs a value");
        }
        return args.get(i);
    }
}
