package org.reftrace.replay.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The shell's builtins: variables ({@code local}, {@code export}, {@code unset}, {@code declare}, {@code shift},
 * {@code set}), control ({@code return}, {@code exit}, {@code break}, {@code continue}, {@code trap},
 * {@code eval}, {@code source}), tests ({@code test}, {@code [}), output ({@code echo}, {@code printf}) and the
 * few others scripts lean on. Each records its line in the ledger: output as skipped (no lifecycle command), the
 * rest as shell plumbing.
 */
final class Builtins {
    private static final Set<String> NAMES = Set.of(":", "true", "false", "echo", "printf", "set", "unset", "export",
            "readonly", "local", "declare", "typeset", "shift", "return", "exit", "break", "continue", "trap",
            "source", ".", "eval", "test", "[", "read", "cd", "pwd", "wait", "exec", "command", "type", "hash",
            "getopts", "let", "shopt", "ulimit", "umask", "alias", "unalias", "builtin", "which");

    private final Shell shell;

    Builtins(Shell shell) {
        this.shell = shell;
    }

    boolean has(String name) {
        return NAMES.contains(name);
    }

    int run(List<String> argv, Node.Simple node, Shell.Frame frame) {
        String name = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        Ledger.Outcome outcome = switch (name) {
            case "echo", "printf" -> Ledger.Outcome.SKIPPED;
            default -> Ledger.Outcome.SHELL;
        };
        if (!name.equals("source") && !name.equals(".") && !name.equals("eval") && !name.equals("exec")
                && !name.equals("command") && !name.equals("builtin")) {
            shell.ledger.record(frame.file(), node.line(), outcome, node.text(), null);
        }
        switch (name) {
            case ":", "true", "cd", "wait", "hash", "shopt", "ulimit", "umask", "alias", "unalias":
                return 0;
            case "false":
                return 1;
            case "pwd":
                frame.io().out().println("/root");
                return 0;
            case "echo":
                return echo(args, frame);
            case "printf":
                return printf(args, frame);
            case "set":
                return set(args);
            case "unset":
                args.stream().filter(a -> !a.startsWith("-")).forEach(shell::unset);
                return 0;
            case "export", "readonly", "declare", "typeset":
                return declare(node, args, frame, false);
            case "local":
                return declare(node, args, frame, true);
            case "shift":
                shell.shift(args.isEmpty() ? 1 : Integer.parseInt(args.get(0)));
                return 0;
            case "return":
                throw new Shell.ReturnException(args.isEmpty() ? shell.lastStatus() : number(args.get(0)));
            case "exit":
                throw new Shell.ExitException(args.isEmpty() ? shell.lastStatus() : number(args.get(0)) & 0xff);
            case "break", "continue":
                throw new Shell.LoopControl(name.equals("break"), args.isEmpty() ? 1 : number(args.get(0)));
            case "trap":
                return trap(args);
            case "source", ".":
                return source(args, node, frame);
            case "eval":
                shell.ledger.record(frame.file(), node.line(), Ledger.Outcome.SHELL, node.text(), null);
                return shell.eval(String.join(" ", args), node.line(), frame);
            case "test":
                return test(args, frame, node);
            case "[":
                if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
                    frame.io().err().println(shell.scriptName() + ": line " + node.line() + ": [: missing `]'");
                    return 2;
                }
                return test(args.subList(0, args.size() - 1), frame, node);
            case "read":
                return read(args, frame);
            case "getopts":
                return 1; // the replay passes a script no options
            case "let":
                int st = 1;
                for (String expr : args) {
                    st = shell.arith(expr, frame) != 0 ? 0 : 1;
                }
                return st;
            case "exec":
                if (args.isEmpty()) {
                    shell.ledger.record(frame.file(), node.line(), Ledger.Outcome.SHELL, node.text(), null);
                    return 0; // only redirections, which do not outlive the command here
                }
                int status = shell.dispatch(new ArrayList<>(args), node, frame);
                throw new Shell.ExitException(status);
            case "command", "builtin":
                return command(args, node, frame);
            case "type", "which":
                return which(args, frame);
            default:
                return 0;
        }
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private int echo(List<String> args, Shell.Frame frame) {
        boolean newline = true;
        boolean escapes = false;
        int i = 0;
        while (i < args.size() && args.get(i).matches("-[neE]+")) {
            String flags = args.get(i);
            newline &= !flags.contains("n");
            escapes = flags.contains("e") || (escapes && !flags.contains("E"));
            i++;
        }
        String text = String.join(" ", args.subList(i, args.size()));
        if (escapes) {
            text = unescape(text);
        }
        frame.io().out().write(newline ? text + "\n" : text);
        return 0;
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r").replace("\\\\", "\\");
    }

    private int printf(List<String> args, Shell.Frame frame) {
        if (args.isEmpty()) {
            return 1;
        }
        String format = args.get(0);
        List<String> values = args.subList(1, args.size());
        StringBuilder out = new StringBuilder();
        int v = 0;
        do {
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c == '\\' && i + 1 < format.length()) {
                    out.append(unescape(format.substring(i, i + 2)));
                    i++;
                } else if (c == '%' && i + 1 < format.length()) {
                    int j = i + 1;
                    while (j < format.length() && "-+ #0123456789.".indexOf(format.charAt(j)) >= 0) {
                        j++;
                    }
                    char conv = j < format.length() ? format.charAt(j) : 's';
                    if (conv == '%') {
                        out.append('%');
                    } else {
                        String value = v < values.size() ? values.get(v++) : "";
                        String spec = format.substring(i, j + 1);
                        try {
                            out.append(switch (conv) {
                                case 'd', 'i' -> String.format(spec.replace('i', 'd'), value.isEmpty() ? 0L : Long.parseLong(value.strip()));
                                case 'x', 'X', 'o' -> String.format(spec, value.isEmpty() ? 0L : Long.parseLong(value.strip()));
                                case 'b' -> unescape(value);
                                default -> String.format(spec.substring(0, spec.length() - 1) + "s", value);
                            });
                        } catch (RuntimeException e) {
                            out.append(value);
                        }
                    }
                    i = j;
                } else {
                    out.append(c);
                }
            }
        } while (v < values.size() && v > 0);
        frame.io().out().write(out.toString());
        return 0;
    }

    private int set(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                shell.setPositional(args.subList(i + 1, args.size()));
                return 0;
            }
            if (a.equals("-o") || a.equals("+o")) {
                if (i + 1 < args.size()) {
                    String option = args.get(++i);
                    if (option.equals("errexit")) {
                        shell.errexit = a.startsWith("-");
                    } else if (option.equals("pipefail")) {
                        shell.pipefail = a.startsWith("-");
                    }
                }
                continue;
            }
            if (a.startsWith("-") || a.startsWith("+")) {
                boolean on = a.startsWith("-");
                if (a.indexOf('e') > 0) {
                    shell.errexit = on;
                }
                continue;
            }
            shell.setPositional(args.subList(i, args.size()));
            return 0;
        }
        return 0;
    }

    private int declare(Node.Simple node, List<String> args, Shell.Frame frame, boolean local) {
        boolean assoc = false;
        boolean array = false;
        boolean global = !local;
        for (String a : args) {
            if (a.startsWith("-") && !a.contains("=")) {
                assoc |= a.contains("A");
                array |= a.contains("a");
                global |= a.contains("g");
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            boolean append = name.endsWith("+");
            if (append) {
                name = name.substring(0, name.length() - 1);
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            if (local && !global) {
                if (eq < 0 || !shell.isSetLocally(name)) {
                    shell.declareLocal(name, assoc, array);
                }
            } else {
                shell.declareGlobal(name, assoc, array);
            }
            if (eq >= 0) {
                String value = a.substring(eq + 1);
                if (value.startsWith("(") && value.endsWith(")")) {
                    List<String> items = new ArrayList<>(List.of(value.substring(1, value.length() - 1).trim()
                            .split("\\s+")));
                    items.removeIf(String::isEmpty);
                    shell.assignArray(name, items, append);
                } else {
                    shell.assign(name, append ? nullToEmpty(shell.scalar(name)) + value : value);
                }
            }
        }
        return 0;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private int trap(List<String> args) {
        if (args.isEmpty()) {
            return 0;
        }
        if (args.size() == 1 && args.get(0).equals("-")) {
            return 0;
        }
        String action = args.get(0);
        for (String signal : args.subList(1, args.size())) {
            String sig = signal.toUpperCase(java.util.Locale.ROOT).replaceFirst("^SIG", "");
            if (sig.equals("0") || sig.equals("EXIT")) {
                if (action.equals("-")) {
                    shell.traps.remove("EXIT");
                } else {
                    shell.traps.put("EXIT", action);
                }
            }
            // other signals never arrive in the model
        }
        return 0;
    }

    /**
     * {@code read [-r] [-a NAME] [-d DELIM] [-n N] [-p PROMPT] [-s] [-t T] [-u FD] [NAME...]}: one line of standard
     * input (consumed: the next {@code read} of the same input gets the next line), split on IFS, the last name
     * taking the rest; {@code REPLY} without names. Status 1 at the end of the input.
     */
    private int read(List<String> args, Shell.Frame frame) {
        boolean raw = false;
        String array = null;
        char delim = '\n';
        int max = -1;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && a.length() > 1 && names.isEmpty()) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    if (c == 'r') {
                        raw = true;
                    } else if (c == 's' || c == 'e') {
                        continue;
                    } else if ("adnNptu".indexOf(c) >= 0) {
                        String v = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.size() ? args.get(++i) : "";
                        switch (c) {
                            case 'a' -> array = v;
                            case 'd' -> delim = v.isEmpty() ? '\0' : v.charAt(0);
                            case 'n', 'N' -> max = Integer.parseInt(v);
                            default -> { }
                        }
                        break;
                    }
                }
            } else {
                names.add(a);
            }
        }
        String in = frame.io().in();
        int start = shell.inputOffset(in);
        if (start >= in.length()) {
            for (String n : names.isEmpty() ? List.of("REPLY") : names) {
                shell.assign(n, "");
            }
            return 1;
        }
        int end = in.indexOf(delim, start);
        boolean complete = end >= 0;
        if (!complete) {
            end = in.length();
        }
        if (max >= 0 && end - start > max) {
            end = start + max;
            complete = true;
        }
        String line = in.substring(start, end);
        shell.consumeInput(in, end + (complete && (max < 0 || end < in.length() && in.charAt(end) == delim) ? 1 : 0));
        if (!raw) {
            line = line.replaceAll("\\\\(.)", "$1");
        }
        String ifs = shell.ifs();
        if (array != null) {
            List<String> fields = new ArrayList<>();
            for (String f : line.split("[" + java.util.regex.Pattern.quote(ifs.isEmpty() ? "\n" : ifs) + "]+")) {
                if (!f.isEmpty()) {
                    fields.add(f);
                }
            }
            shell.assignArray(array, fields, false);
            return complete ? 0 : 1;
        }
        if (names.isEmpty()) {
            shell.assign("REPLY", line);
            return complete ? 0 : 1;
        }
        String rest = ifs.isEmpty() ? line : stripIfs(line, ifs);
        for (int n = 0; n < names.size(); n++) {
            if (n == names.size() - 1 || ifs.isEmpty()) {
                shell.assign(names.get(n), rest);
                rest = "";
                continue;
            }
            int cut = 0;
            while (cut < rest.length() && ifs.indexOf(rest.charAt(cut)) < 0) {
                cut++;
            }
            shell.assign(names.get(n), rest.substring(0, cut));
            rest = stripIfs(rest.substring(cut), ifs);
        }
        return complete ? 0 : 1;
    }

    private static String stripIfs(String s, String ifs) {
        int a = 0;
        int b = s.length();
        while (a < b && ifs.indexOf(s.charAt(a)) >= 0 && Character.isWhitespace(s.charAt(a))) {
            a++;
        }
        while (b > a && ifs.indexOf(s.charAt(b - 1)) >= 0 && Character.isWhitespace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private int source(List<String> args, Node.Simple node, Shell.Frame frame) {
        if (args.isEmpty()) {
            return 2;
        }
        String path = args.get(0);
        String text = shell.fs.read(path, frame);
        if (text == null) {
            shell.reportUnsupported(frame, node.line(), path, "cannot read the file to source (put it beside the "
                    + "script)");
            return 1;
        }
        shell.ledger.record(frame.file(), node.line(), Ledger.Outcome.SHELL, node.text(), null);
        return shell.source(text, path, args.subList(1, args.size()), frame);
    }

    private int test(List<String> args, Shell.Frame frame, Node.Simple node) {
        try {
            return TestExpr.eval(args, false, shell.fs, frame) ? 0 : 1;
        } catch (TestExpr.TestException e) {
            frame.io().err().println(shell.scriptName() + ": line " + node.line() + ": test: " + e.getMessage());
            return 2;
        }
    }

    private int command(List<String> args, Node.Simple node, Shell.Frame frame) {
        if (args.isEmpty()) {
            return 0;
        }
        if (args.get(0).equals("-v") || args.get(0).equals("-V")) {
            shell.ledger.record(frame.file(), node.line(), Ledger.Outcome.SHELL, node.text(), null);
            return which(args.subList(1, args.size()), frame);
        }
        List<String> argv = new ArrayList<>(args);
        if (has(argv.get(0))) {
            return run(argv, node, frame);
        }
        return shell.commands.run(argv, node, frame);
    }

    private int which(List<String> names, Shell.Frame frame) {
        int status = 0;
        for (String n : names) {
            if (n.startsWith("-")) {
                continue;
            }
            if (shell.functions.containsKey(n) || has(n)) {
                frame.io().out().println(n);
            } else if (shell.commands.knows(n)) {
                frame.io().out().println("/usr/sbin/" + n);
            } else {
                status = 1;
            }
        }
        return status;
    }
}
