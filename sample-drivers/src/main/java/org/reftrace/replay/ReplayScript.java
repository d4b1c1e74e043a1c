package org.reftrace.replay;

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

    /** Reads {@code text} as a script named {@code name}. Nothing runs. */
    public static ReplayScript read(String name, String text) {
        PromptScript.Converted converted = PromptScript.convert(text);
        Parser.Program program = Parser.parse(converted.script(), 1);
        List<ShellError> problems = new ArrayList<>(program.errors());
        Set<String> functions = new HashSet<>();
        collectFunctions(program.body(), functions);
        checkCommands(program.body(), functions, problems);
        problems.sort(java.util.Comparator.comparingInt(ShellError::line));
        return new ReplayScript(name, converted.script(), List.copyOf(problems), converted.prompted(),
                converted.outputLines());
    }

    private static void collectFunctions(Node node, Set<String> names) {
        walk(node, n -> {
            if (n instanceof Node.FunctionDef f) {
                names.add(f.name());
            }
        });
    }

    private static void checkCommands(Node root, Set<String> functions, List<ShellError> problems) {
        walk(root, n -> {
            if (n instanceof Node.Simple s && !s.words().isEmpty()) {
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
