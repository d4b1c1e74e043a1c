package org.reftrace.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.reftrace.replay.shell.Node;
import org.reftrace.replay.shell.Parser;
import org.reftrace.replay.shell.ShellError;
import org.reftrace.replay.shell.Word;

/**
 * A script ready to replay: read as a shell script or as a commit message's prompts ({@link PromptScript}),
 * parsed, and checked before anything runs: what cannot be parsed, and commands whose name is written out and is
 * neither a shell builtin, a function of the script nor a command the replay knows. Commands whose name or
 * arguments come from variables are checked when they run.
 *
 * @param name     the script's name, as messages name it
 * @param text     the script as the shell reads it (a commit message's prompts turned into commands)
 * @param problems what is not supported, found before running
 * @param prompted whether it was read as a commit message's prompts
 * @param outputLines lines of quoted output or prose (prompted scripts)
 */
public record ReplayScript(String name, String text, List<ShellError> problems, boolean prompted,
        int outputLines) {

    private static final Set<String> BUILTINS = Set.of(":", "true", "false", "echo", "printf", "set", "unset",
            "export", "readonly", "local", "declare", "typeset", "shift", "return", "exit", "break", "continue", "trap",
            "source", ".", "eval", "test", "[", "read", "cd", "pwd", "wait", "exec", "command", "type", "hash",
            "getopts", "let", "shopt", "ulimit", "umask", "alias", "unalias", "builtin", "which");

    /** Reads {@code text} as a script named {@code name} that sources nothing from disk. Nothing runs. */
    public static ReplayScript read(String name, String text) {
        return read(name, text, null);
    }

    /**
     * Reads {@code text} as a script named {@code name} in directory {@code dir} (where the files it sources by a
     * written-out name are read, for the functions they define; {@code null}: nowhere). Nothing runs. When a
     * sourced file's name comes from a variable, or the file is not there, commands are only checked when they run.
     */
    public static ReplayScript read(String name, String text, Path dir) {
        PromptScript.Converted converted = PromptScript.convert(text);
        Parser.Program program = Parser.parse(converted.script(), 1);
        List<ShellError> problems = new ArrayList<>(program.errors());
        Set<String> functions = new HashSet<>();
        if (collectFunctions(program.body(), functions, dir, new HashSet<>())) {
            checkCommands(program.body(), functions, problems);
        }
        problems.sort(java.util.Comparator.comparingInt(ShellError::line));
        return new ReplayScript(name, converted.script(), List.copyOf(problems), converted.prompted(),
                converted.outputLines());
    }

    /**
     * Collects the functions {@code node} and the files it sources define; returns whether every sourced file was
     * found.
     */
    private static boolean collectFunctions(Node node, Set<String> names, Path dir, Set<Path> read) {
        boolean[] complete = {true};
        walk(node, n -> {
            if (n instanceof Node.FunctionDef f) {
                names.add(f.name());
            } else if (n instanceof Node.Simple s && s.words().size() >= 2
                    && ("source".equals(s.words().get(0).literal()) || ".".equals(s.words().get(0).literal()))) {
                Word file = s.words().get(1);
                boolean literal = file.literal() != null && file.parts().stream().allMatch(p -> p instanceof Word.Lit);
                Path path = literal && dir != null ? dir.resolve(file.literal()).normalize() : null;
                if (path == null || !Files.isRegularFile(path)) {
                    complete[0] = false;
                } else if (read.add(path)) {
                    try {
                        String sourced = Files.readString(path, StandardCharsets.UTF_8);
                        complete[0] &= collectFunctions(Parser.parse(sourced, 1).body(), names, path.getParent(), read);
                    } catch (IOException | java.io.UncheckedIOException e) {
                        complete[0] = false;
                    }
                }
            }
        });
        return complete[0];
    }

    private static void checkCommands(Node root, Set<String> functions, List<ShellError> problems) {
        walk(root, n -> {
            if (n instanceof Node.Simple s && !s.words().isEmpty()) {
                checkIpLink(s, problems);
                Word first = s.words().get(0);
                String name = first.literal();
                if (name != null && first.parts().stream().allMatch(p -> p instanceof Word.Lit)
                        && !BUILTINS.contains(name) && !functions.contains(name) && !CommandTable.knows(name)
                        && !name.contains("/") && !name.contains("=")) {
                    problems.add(new ShellError(s.line(), name, "unknown command (the replay runs ip, modprobe, "
                            + "rmmod, sysctl and the shell; it skips traffic and text tools)"));
                }
            }
        });
    }

    /**
     * An {@code ip link add|set} written out in full (no expansion in it; also after {@code ip netns exec NS}): its
     * link type and options are checked as they will be parsed, so that an unsupported kind or option is found
     * before anything runs.
     */
    private static void checkIpLink(Node.Simple s, List<ShellError> problems) {
        List<String> argv = new ArrayList<>();
        for (Word w : s.words()) {
            String literal = w.literal();
            if (literal == null || w.parts().stream().anyMatch(p -> p instanceof Word.Lit l && !l.quoted()
                    && l.text().matches(".*[*?\\[].*"))) {
                return;
            }
            argv.add(literal);
        }
        int i = 0;
        while (argv.size() >= i + 4 && argv.get(i).equals("ip") && IpCommand.matches(argv.get(i + 1), "netns")
                && IpCommand.matches(argv.get(i + 2), "exec")) {
            i += 4;
        }
        if (i >= argv.size() || !argv.get(i).equals("ip")) {
            return;
        }
        i++;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            String o = argv.get(i).startsWith("--") ? argv.get(i).substring(1) : argv.get(i);
            boolean valued = IpCommand.matches(o, "-netns") || o.equals("-f") || IpCommand.matches(o, "-family")
                    && o.length() > 2 || IpCommand.matches(o, "-loops") || IpCommand.matches(o, "-rcvbuf");
            i += valued ? 2 : 1;
        }
        if (i + 1 >= argv.size() || !IpCommand.matches(argv.get(i), "link")) {
            return;
        }
        String verb = argv.get(i + 1);
        boolean add = IpCommand.matches(verb, "add");
        if (!add && !IpCommand.matches(verb, "set") && !IpCommand.matches(verb, "change")) {
            return;
        }
        try {
            LinkRequest.parse(argv.subList(i + 2, argv.size()), add);
        } catch (ReplayUnsupported u) {
            problems.add(new ShellError(s.line(), u.token(), u.getMessage()));
        } catch (RuntimeException e) {
            // iproute2 would refuse it: it runs, and fails as ip would
        }
    }

    private interface Visitor {
        void visit(Node node);
    }

    private static void walk(Node node, Visitor v) {
        v.visit(node);
        if (node instanceof Node.Sequence s) {
            s.items().forEach(n -> walk(n, v));
        } else if (node instanceof Node.AndOr a) {
            a.items().forEach(n -> walk(n, v));
        } else if (node instanceof Node.Pipeline p) {
            p.commands().forEach(n -> walk(n, v));
        } else if (node instanceof Node.Background b) {
            walk(b.command(), v);
        } else if (node instanceof Node.Group g) {
            walk(g.body(), v);
        } else if (node instanceof Node.Subshell g) {
            walk(g.body(), v);
        } else if (node instanceof Node.If i) {
            i.conditions().forEach(n -> walk(n, v));
            i.bodies().forEach(n -> walk(n, v));
            if (i.elseBody() != null) {
                walk(i.elseBody(), v);
            }
        } else if (node instanceof Node.For f) {
            walk(f.body(), v);
        } else if (node instanceof Node.ArithFor f) {
            walk(f.body(), v);
        } else if (node instanceof Node.While w) {
            walk(w.condition(), v);
            walk(w.body(), v);
        } else if (node instanceof Node.Case c) {
            c.bodies().forEach(n -> walk(n, v));
        } else if (node instanceof Node.FunctionDef f) {
            walk(f.body(), v);
        }
    }
}
