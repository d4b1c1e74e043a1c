package org.reftrace.replay.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small shell interpreter: enough of POSIX sh and bash for kernel selftests and the reproducers quoted in
 * commit messages. It runs the syntax tree of {@link Parser}: variables (scalars, arrays, {@code local}),
 * functions, {@code if}/{@code for}/{@code while}/{@code case}, {@code &&}/{@code ||}/{@code ;}, pipelines (each
 * command's output is the next one's input), subshells, command substitution, {@code set -e}, {@code trap ...
 * EXIT}, {@code source}, {@code eval}. Commands other than builtins and functions go to {@link Commands}, which
 * the replay implements against the netdev model; every command line's outcome goes to the {@link Ledger}.
 *
 * <p>Model differences from a real shell: no processes (background jobs run at once, in order; a subshell only
 * isolates variables), no pathname expansion, no here-documents; loops stop after {@value #MAX_ITERATIONS}
 * iterations (reported as unsupported), since the model cannot make a script's polling loop end otherwise.
 *
 * <p>Not thread-safe: one script at a time.
 */
public final class Shell {
    /** A loop that runs more often than this is stopped and reported. */
    public static final int MAX_ITERATIONS = 10_000;
    private static final int MAX_DEPTH = 200;

    /** Runs what is neither a builtin nor a function: the replay's commands. */
    public interface Commands {
        /**
         * Runs {@code argv} (already expanded). Records its outcome in the ledger and returns its exit status.
         *
         * @param node the command as written, for its line and text
         */
        int run(List<String> argv, Node.Simple node, Frame frame);

        /** Whether {@code name} is a command the replay knows ({@code command -v}, {@code which}). */
        boolean knows(String name);
    }

    /** The files a script may test, read or write: answered from the model where it has them. */
    public interface FileSystem {
        /** {@code test -e/-f/-d/-x ... path}. */
        boolean test(char op, String path, Frame frame);

        /**
         * A redirection on {@code line} writes {@code text} to {@code path} ({@code >}, or {@code >>} with
         * {@code append}).
         */
        void write(String path, String text, boolean append, Frame frame, int line);

        /** The contents of {@code path} ({@code <}, {@code cat}), or {@code null} when there is none. */
        String read(String path, Frame frame);
    }

    /**
     * Where and how a command runs.
     *
     * @param io        its standard streams
     * @param netns     the network namespace it runs in ({@code ip netns exec}), or {@code null} for init_net
     * @param condition whether its status is being tested ({@code if}, {@code &&}, {@code !}): {@code set -e}
     *                  does not apply
     * @param file      the script file it comes from
     */
    public record Frame(Shell shell, Io io, String netns, boolean condition, String file) {
        public Frame withIo(Io newIo) {
            return new Frame(shell, newIo, netns, condition, file);
        }

        public Frame withNetns(String ns) {
            return new Frame(shell, io, ns, condition, file);
        }

        Frame asCondition() {
            return condition ? this : new Frame(shell, io, netns, true, file);
        }

        Frame withFile(String f) {
            return new Frame(shell, io, netns, condition, f);
        }
    }

    /** {@code exit N}, or {@code set -e} on a failure: ends the script (after its EXIT trap). */
    public static final class ExitException extends RuntimeException {
        final int status;

        public ExitException(int status) {
            super(null, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    static final class ReturnException extends RuntimeException {
        final int status;

        ReturnException(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    static final class LoopControl extends RuntimeException {
        final boolean isBreak;
        int levels;

        LoopControl(boolean isBreak, int levels) {
            super(null, null, false, false);
            this.isBreak = isBreak;
            this.levels = levels;
        }
    }

    /** A variable: a scalar, an indexed array or an associative array. */
    static final class Var {
        String scalar;
        List<String> array;
        Map<String, String> assoc;

        static Var scalar(String v) {
            Var var = new Var();
            var.scalar = v;
            return var;
        }

        String value(String index) {
            if (assoc != null) {
                return assoc.get(index == null ? "0" : index);
            }
            if (array != null) {
                int i = index == null ? 0 : parseIndex(index);
                return i >= 0 && i < array.size() ? array.get(i) : null;
            }
            return index == null || index.equals("0") ? scalar : null;
        }

        List<String> values() {
            if (assoc != null) {
                return new ArrayList<>(assoc.values());
            }
            if (array != null) {
                return array.stream().filter(v -> v != null).toList();
            }
            return scalar == null ? List.of() : List.of(scalar);
        }

        private static int parseIndex(String index) {
            try {
                return Integer.parseInt(index.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    final Commands commands;
    final FileSystem fs;
    final Ledger ledger;
    private final Expander expander = new Expander(this);
    private final Builtins builtins = new Builtins(this);
    private final Map<String, Var> globals = new HashMap<>();
    private final Deque<Map<String, Var>> locals = new ArrayDeque<>();
    private final Deque<List<String>> positional = new ArrayDeque<>();
    /** A function and the file it was defined in (its lines count there). */
    record Function(Node.FunctionDef def, String file) {}

    final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<Node.Simple, Integer> commandNumbers = new IdentityHashMap<>();
    /** What {@code read} consumed of each input, by identity: a loop's {@code done < file} is one string. */
    private final Map<String, Integer> inputOffsets = new IdentityHashMap<>();
    final Map<String, String> traps = new HashMap<>();
    boolean errexit;
    boolean pipefail;
    private int lastStatus;
    private String scriptName = "script";
    private int depth;

    public Shell(Commands commands, FileSystem fs, Ledger ledger) {
        this.commands = commands;
        this.fs = fs;
        this.ledger = ledger;
        globals.put("IFS", Var.scalar(" \t\n"));
        globals.put("PATH", Var.scalar("/usr/sbin:/usr/bin:/sbin:/bin"));
        globals.put("HOME", Var.scalar("/root"));
        globals.put("PWD", Var.scalar("/root"));
        globals.put("UID", Var.scalar("0"));
        globals.put("EUID", Var.scalar("0"));
        globals.put("BASH_VERSION", Var.scalar("5.2.0(1)-release"));
    }

    /**
     * Parses a script, declares its command lines to the ledger and numbers its commands in source order.
     * Nothing runs.
     */
    public Parser.Program load(String text, String file) {
        Parser.Program program = Parser.parse(text, 1);
        List<Integer> lines = new ArrayList<>();
        number(program.body(), lines, true);
        ledger.declare(file, lines);
        for (ShellError e : program.errors()) {
            ledger.record(file, e.line(), Ledger.Outcome.UNSUPPORTED, e.token(), e.message());
        }
        return program;
    }

    /**
     * Runs a loaded script to its end, then its EXIT trap; returns the script's exit status.
     *
     * @param args the positional parameters ({@code $1 ...})
     */
    public int run(Parser.Program program, String file, List<String> args, Io io) {
        scriptName = file;
        positional.push(new ArrayList<>(args));
        Frame frame = new Frame(this, io, null, false, file);
        int status;
        try {
            status = exec(program.body(), frame);
        } catch (ExitException e) {
            status = e.status;
        } catch (ReturnException e) {
            status = e.status;
        } catch (LoopControl e) {
            status = lastStatus;
        }
        lastStatus = status;
        String trap = traps.remove("EXIT");
        if (trap != null && !trap.isEmpty()) {
            try {
                eval(trap, program.body().line(), frame);
            } catch (ExitException e) {
                status = e.status;
            } catch (RuntimeException e) {
                if (!(e instanceof ReturnException || e instanceof LoopControl)) {
                    throw e;
                }
            }
        }
        return status;
    }

    /** The script's name, as {@code $0}. */
    public String scriptName() {
        return scriptName;
    }

    /** The 1-based ordinal of a command of the main script in source order, or 0. */
    public int commandNumber(Node.Simple node) {
        return commandNumbers.getOrDefault(node, 0);
    }

    private void number(Node node, List<Integer> lines, boolean main) {
        if (node instanceof Node.Sequence s) {
            s.items().forEach(n -> number(n, lines, main));
        } else if (node instanceof Node.AndOr a) {
            a.items().forEach(n -> number(n, lines, main));
        } else if (node instanceof Node.Pipeline p) {
            p.commands().forEach(n -> number(n, lines, main));
        } else if (node instanceof Node.Background b) {
            number(b.command(), lines, main);
        } else if (node instanceof Node.Simple s) {
            if (main) {
                commandNumbers.put(s, commandNumbers.size() + 1);
            }
            lines.add(s.line());
        } else if (node instanceof Node.Group g) {
            number(g.body(), lines, main);
        } else if (node instanceof Node.Subshell g) {
            number(g.body(), lines, main);
        } else if (node instanceof Node.If i) {
            for (int k = 0; k < i.conditions().size(); k++) {
                number(i.conditions().get(k), lines, main);
                number(i.bodies().get(k), lines, main);
            }
            if (i.elseBody() != null) {
                number(i.elseBody(), lines, main);
            }
        } else if (node instanceof Node.For f) {
            number(f.body(), lines, main);
        } else if (node instanceof Node.ArithFor f) {
            number(f.body(), lines, main);
        } else if (node instanceof Node.While w) {
            number(w.condition(), lines, main);
            number(w.body(), lines, main);
        } else if (node instanceof Node.Case c) {
            c.bodies().forEach(n -> number(n, lines, main));
        } else if (node instanceof Node.FunctionDef f) {
            number(f.body(), lines, main);
        } else if (node instanceof Node.ArithCommand || node instanceof Node.TestCommand) {
            lines.add(node.line());
        } else if (node instanceof Node.Unsupported u) {
            for (int l = u.line(); l <= u.lastLine(); l++) {
                lines.add(l);
            }
        }
    }

    // ---- execution ----

    int exec(Node node, Frame frame) {
        int status = execNode(node, frame);
        lastStatus = status;
        checkErrexit(node, status, frame);
        return status;
    }

    private int execNode(Node node, Frame frame) {
        if (node instanceof Node.Sequence s) {
            int st = 0;
            for (Node item : s.items()) {
                st = exec(item, frame);
            }
            return s.items().isEmpty() ? lastStatus : st;
        }
        if (node instanceof Node.AndOr a) {
            return andOr(a, frame);
        }
        if (node instanceof Node.Pipeline p) {
            return pipeline(p, frame);
        }
        if (node instanceof Node.Background b) {
            exec(b.command(), frame.asCondition()); // no jobs: it runs now, and set -e ignores it
            setVar("!", Integer.toString(4242 + depth));
            return 0;
        }
        if (node instanceof Node.Simple s) {
            return simple(s, frame);
        }
        if (node instanceof Node.Group g) {
            return withRedirects(g.redirects(), frame, f -> exec(g.body(), f), g.line());
        }
        if (node instanceof Node.Subshell g) {
            return subshell(g, frame);
        }
        if (node instanceof Node.If i) {
            return withRedirects(i.redirects(), frame, f -> ifClause(i, f), i.line());
        }
        if (node instanceof Node.For f) {
            return withRedirects(f.redirects(), frame, fr -> forLoop(f, fr), f.line());
        }
        if (node instanceof Node.ArithFor f) {
            return arithFor(f, frame);
        }
        if (node instanceof Node.While w) {
            return withRedirects(w.redirects(), frame, f -> whileLoop(w, f), w.line());
        }
        if (node instanceof Node.Case c) {
            return withRedirects(c.redirects(), frame, f -> caseClause(c, f), c.line());
        }
        if (node instanceof Node.FunctionDef fd) {
            functions.put(fd.name(), new Function(fd, frame.file()));
            ledger.record(frame.file(), fd.line(), Ledger.Outcome.SHELL, fd.name() + "()", null);
            return 0;
        }
        if (node instanceof Node.ArithCommand a) {
            ledger.record(frame.file(), a.line(), Ledger.Outcome.SHELL, "((" + a.expression() + "))", null);
            return arithStatus(a.expression(), a.line(), frame);
        }
        if (node instanceof Node.TestCommand t) {
            ledger.record(frame.file(), t.line(), Ledger.Outcome.SHELL, "[[", null);
            return doubleBracket(t, frame);
        }
        Node.Unsupported u = (Node.Unsupported) node;
        reportUnsupported(frame, u.line(), u.error().token(), u.error().message());
        return 2;
    }

    private void checkErrexit(Node node, int status, Frame frame) {
        // bash: compound commands and && / || lists are not checked themselves (what failed in them was, or was
        // exempt); a negated pipeline never is
        boolean checked = node instanceof Node.Simple || node instanceof Node.Subshell
                || node instanceof Node.ArithCommand || node instanceof Node.TestCommand
                || node instanceof Node.Pipeline p && !p.negated();
        if (status != 0 && errexit && !frame.condition() && checked) {
            throw new ExitException(status);
        }
    }

    /** Reports an unsupported construct once (with its line and token) and counts it. */
    public void reportUnsupported(Frame frame, int line, String token, String message) {
        if (ledger.record(frame.file(), line, Ledger.Outcome.UNSUPPORTED, token, message)) {
            frame.io().err().println("reftrace replay: " + frame.file() + ":" + line + ": '" + token
                    + "' is not supported (" + message + ")");
        }
    }

    private int andOr(Node.AndOr a, Frame frame) {
        int status = exec(a.items().get(0), frame.asCondition());
        for (int i = 1; i < a.items().size(); i++) {
            boolean and = a.ops().get(i - 1).equals("&&");
            if (and == (status == 0)) {
                boolean last = i == a.items().size() - 1;
                status = exec(a.items().get(i), last ? frame : frame.asCondition());
            }
        }
        return status;
    }

    private int pipeline(Node.Pipeline p, Frame frame) {
        String input = frame.io().in();
        int status = 0;
        int failed = 0;
        Frame inner = p.negated() ? frame.asCondition() : frame;
        for (int i = 0; i < p.commands().size(); i++) {
            boolean last = i == p.commands().size() - 1;
            Io.Buffer out = last ? null : new Io.Buffer();
            Io io = frame.io().withIn(input);
            if (out != null) {
                io = io.withOut(out);
            }
            Frame f = inner.withIo(io);
            status = exec(p.commands().get(i), last ? f : f.asCondition());
            if (status != 0) {
                failed = status;
            }
            input = out == null ? "" : out.text();
        }
        if (pipefail && failed != 0) {
            status = failed;
        }
        return p.negated() ? (status == 0 ? 1 : 0) : status;
    }

    private int subshell(Node.Subshell g, Frame frame) {
        Map<String, Var> savedGlobals = new HashMap<>(globals);
        Map<String, Function> savedFunctions = new LinkedHashMap<>(functions);
        boolean savedErrexit = errexit;
        try {
            return withRedirects(g.redirects(), frame, f -> exec(g.body(), f), g.line());
        } catch (ExitException e) {
            return e.status;
        } finally {
            globals.clear();
            globals.putAll(savedGlobals);
            functions.clear();
            functions.putAll(savedFunctions);
            errexit = savedErrexit;
        }
    }

    private int ifClause(Node.If i, Frame frame) {
        for (int k = 0; k < i.conditions().size(); k++) {
            if (exec(i.conditions().get(k), frame.asCondition()) == 0) {
                return exec(i.bodies().get(k), frame);
            }
        }
        return i.elseBody() != null ? exec(i.elseBody(), frame) : 0;
    }

    private int forLoop(Node.For f, Frame frame) {
        List<String> items = f.words() == null ? new ArrayList<>(currentPositional())
                : expander.fields(f.words(), frame);
        ledger.record(frame.file(), f.line(), Ledger.Outcome.SHELL, "for " + f.name(), null);
        int status = 0;
        int n = 0;
        for (String item : items) {
            if (++n > MAX_ITERATIONS) {
                reportUnsupported(frame, f.line(), "for", "the loop ran " + MAX_ITERATIONS + " times; stopped");
                break;
            }
            assign(f.name(), item);
            try {
                status = exec(f.body(), frame);
            } catch (LoopControl c) {
                if (--c.levels > 0) {
                    throw c;
                }
                if (c.isBreak) {
                    break;
                }
            }
        }
        return status;
    }

    private int arithFor(Node.ArithFor f, Frame frame) {
        ledger.record(frame.file(), f.line(), Ledger.Outcome.SHELL, "for ((", null);
        arithStatus(f.init(), f.line(), frame);
        int status = 0;
        int n = 0;
        while (f.condition().isBlank() || arithStatus(f.condition(), f.line(), frame) == 0) {
            if (++n > MAX_ITERATIONS) {
                reportUnsupported(frame, f.line(), "for", "the loop ran " + MAX_ITERATIONS + " times; stopped");
                break;
            }
            try {
                status = exec(f.body(), frame);
            } catch (LoopControl c) {
                if (--c.levels > 0) {
                    throw c;
                }
                if (c.isBreak) {
                    break;
                }
            }
            arithStatus(f.step(), f.line(), frame);
        }
        return status;
    }

    private int whileLoop(Node.While w, Frame frame) {
        int status = 0;
        int n = 0;
        while (true) {
            int c = exec(w.condition(), frame.asCondition());
            if ((c == 0) == w.until()) {
                break;
            }
            if (++n > MAX_ITERATIONS) {
                reportUnsupported(frame, w.line(), w.until() ? "until" : "while",
                        "the loop ran " + MAX_ITERATIONS + " times; stopped");
                break;
            }
            try {
                status = exec(w.body(), frame);
            } catch (LoopControl lc) {
                if (--lc.levels > 0) {
                    throw lc;
                }
                if (lc.isBreak) {
                    break;
                }
            }
        }
        return status;
    }

    private int caseClause(Node.Case c, Frame frame) {
        String subject = expander.string(c.subject(), frame);
        ledger.record(frame.file(), c.line(), Ledger.Outcome.SHELL, "case", null);
        for (int i = 0; i < c.patterns().size(); i++) {
            for (Word pattern : c.patterns().get(i)) {
                if (Glob.matches(expander.pattern(pattern, frame), subject)) {
                    return exec(c.bodies().get(i), frame);
                }
            }
        }
        return 0;
    }

    private int doubleBracket(Node.TestCommand t, Frame frame) {
        List<String> args = new ArrayList<>();
        List<Word> words = t.words();
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            boolean patternSide = i > 0 && List.of("==", "=", "!=").contains(words.get(i - 1).text());
            args.add(patternSide ? expander.pattern(w, frame) : expander.string(w, frame));
        }
        try {
            return TestExpr.eval(args, true, fs, frame) ? 0 : 1;
        } catch (TestExpr.TestException | Arith.ArithException e) {
            frame.io().err().println(scriptName + ": line " + t.line() + ": [[: " + e.getMessage());
            return 2;
        }
    }

    int arithStatus(String expression, int line, Frame frame) {
        try {
            return arith(expander.string(Lexer2.asDoubleQuoted(expression), frame), frame) != 0 ? 0 : 1;
        } catch (Arith.ArithException e) {
            frame.io().err().println(scriptName + ": line " + line + ": " + expression.strip() + ": " + e.getMessage());
            return 1;
        }
    }

    /** Evaluates an arithmetic expression (already expanded) over the shell's variables. */
    public long arith(String expression, Frame frame) {
        return Arith.eval(expression, this::scalarOrElement, this::assign);
    }

    private String scalarOrElement(String name) {
        return value(name, null);
    }

    private int simple(Node.Simple s, Frame frame) {
        if (++depth > MAX_DEPTH * 50) {
            depth--;
            throw new ExitException(2);
        }
        try {
            return withRedirects(s.redirects(), frame, f -> simpleBody(s, f), s.line());
        } catch (NullPointerException | IndexOutOfBoundsException | ClassCastException | NumberFormatException
                | IllegalStateException | ArithmeticException e) {
            // a construct the interpreter gets wrong: the line is reported and the script goes on
            reportUnsupported(frame, s.line(), s.words().isEmpty() ? s.text() : s.words().get(0).text(),
                    "the replay's shell could not run this line: " + e);
            return 2;
        } finally {
            depth--;
        }
    }

    private static final java.util.Set<String> DECLARATIONS = java.util.Set.of("local", "declare", "typeset",
            "export", "readonly");
    private static final java.util.regex.Pattern ASSIGNMENT_WORD =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*", java.util.regex.Pattern.DOTALL);

    private int simpleBody(Node.Simple s, Frame frame) {
        List<String> argv = expandArguments(s.words(), frame);
        if (argv.isEmpty()) {
            for (Node.Assignment a : s.assignments()) {
                applyAssignment(a, frame, false);
            }
            ledger.record(frame.file(), s.line(), Ledger.Outcome.SHELL, s.text(), null);
            return s.words().isEmpty() ? lastStatusAfterAssignments(s) : 0;
        }
        // assignments before a command apply to it alone; the model passes no environment, so they are set
        // for the command's duration and then restored
        Map<String, Var> saved = new HashMap<>();
        for (Node.Assignment a : s.assignments()) {
            saved.put(a.name(), lookup(a.name()));
            applyAssignment(a, frame, false);
        }
        try {
            return dispatch(argv, s, frame);
        } finally {
            saved.forEach((name, old) -> {
                if (old == null) {
                    unset(name);
                } else {
                    globals.put(name, old);
                }
            });
        }
    }

    /**
     * The command's fields. The arguments of {@code local}, {@code declare}, {@code export} and the like that are
     * assignments ({@code local x=$1}) are expanded as assignments are, without field splitting, as bash does.
     */
    private List<String> expandArguments(List<Word> words, Frame frame) {
        String first = words.isEmpty() ? null : words.get(0).literal();
        if (first == null || !DECLARATIONS.contains(first)) {
            return expander.fields(words, frame);
        }
        List<String> argv = new ArrayList<>();
        for (Word w : words) {
            boolean assignment = !w.parts().isEmpty() && w.parts().get(0) instanceof Word.Lit l && !l.quoted()
                    && ASSIGNMENT_WORD.matcher(l.text()).matches() && !w.text().matches("[^=]*=\\(.*");
            if (assignment) {
                argv.add(expander.string(w, frame));
            } else {
                argv.addAll(expander.fields(w, frame));
            }
        }
        return argv;
    }

    private int lastStatusAfterAssignments(Node.Simple s) {
        // "x=$(cmd)" has the status of the substitution
        return s.assignments().stream().anyMatch(a -> a.value() != null
                && a.value().parts().stream().anyMatch(p -> p instanceof Word.CommandSub)) ? lastStatus : 0;
    }

    /**
     * Runs one expanded command as if it were written at {@code node}: a function, a builtin, or one of the
     * replay's commands ({@code ip netns exec NS COMMAND}, {@code timeout 5 COMMAND}).
     */
    public int runCommand(List<String> argv, Node.Simple node, Frame frame) {
        return dispatch(argv, node, frame);
    }

    /** Runs one expanded command: a function, a builtin, or one of the replay's commands. */
    int dispatch(List<String> argv, Node.Simple s, Frame frame) {
        String name = argv.get(0);
        Function fn = functions.get(name);
        if (fn != null) {
            ledger.record(frame.file(), s.line(), Ledger.Outcome.SHELL, s.text(), null);
            return callFunction(fn.def(), argv.subList(1, argv.size()), frame.withFile(fn.file()));
        }
        if (builtins.has(name)) {
            return builtins.run(argv, s, frame);
        }
        return commands.run(argv, s, frame);
    }

    int callFunction(Node.FunctionDef fn, List<String> args, Frame frame) {
        if (depth > MAX_DEPTH) {
            reportUnsupported(frame, fn.line(), fn.name(), "recursion deeper than " + MAX_DEPTH + " calls");
            return 2;
        }
        positional.push(new ArrayList<>(args));
        locals.push(new HashMap<>());
        depth++;
        try {
            return exec(fn.body(), frame);
        } catch (ReturnException r) {
            return r.status;
        } finally {
            depth--;
            locals.pop();
            positional.pop();
        }
    }

    /** Runs {@code script} as {@code eval} does, with its lines counted from {@code line}. */
    public int eval(String script, int line, Frame frame) {
        Parser.Program program = Parser.parse(script, line);
        for (ShellError e : program.errors()) {
            reportUnsupported(frame, e.line(), e.token(), e.message());
        }
        return exec(program.body(), frame);
    }

    /** Runs another script file in this shell ({@code source}); its lines count under its own name. */
    public int source(String text, String file, List<String> args, Frame frame) {
        Parser.Program program = load(text, file);
        if (!args.isEmpty()) {
            positional.push(new ArrayList<>(args));
        }
        try {
            return exec(program.body(), frame.withFile(file));
        } catch (ReturnException r) {
            return r.status;
        } finally {
            if (!args.isEmpty()) {
                positional.pop();
            }
        }
    }

    /** {@code $(script)}: runs it with variables isolated, returns its output without trailing newlines. */
    String commandSubstitution(String script, int line, Frame frame) {
        Io.Buffer out = new Io.Buffer();
        Map<String, Var> savedGlobals = new HashMap<>(globals);
        boolean savedErrexit = errexit;
        int status;
        try {
            status = eval(script, line, frame.withIo(frame.io().withOut(out)).asCondition());
        } catch (ExitException e) {
            status = e.status;
        } finally {
            globals.clear();
            globals.putAll(savedGlobals);
            errexit = savedErrexit;
        }
        lastStatus = status;
        String text = out.text();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }

    private interface Body {
        int run(Frame frame);
    }

    private int withRedirects(List<Node.Redirect> redirects, Frame frame, Body body, int line) {
        if (redirects.isEmpty()) {
            return body.run(frame);
        }
        Io io = frame.io();
        List<Runnable> after = new ArrayList<>();
        for (Node.Redirect r : redirects) {
            String op = r.op();
            String target = expander.string(r.target(), frame);
            String fd = op.replaceAll("[^0-9]", "");
            String sym = op.replaceAll("[0-9]", "");
            boolean toErr = fd.equals("2");
            switch (sym) {
                case ">", ">|", ">>", "&>", "&>>" -> {
                    boolean append = sym.endsWith(">>");
                    Io.Sink sink = sinkFor(target, append, frame, after, line);
                    if (sym.startsWith("&")) {
                        io = io.withOut(sink).withErr(sink);
                    } else if (toErr) {
                        io = io.withErr(sink);
                    } else {
                        io = io.withOut(sink);
                    }
                }
                case ">&" -> {
                    if (target.equals("1")) {
                        io = io.withErr(io.out());
                    } else if (target.equals("2")) {
                        io = io.withOut(io.err());
                    } else if (!target.equals("-")) {
                        Io.Sink sink = sinkFor(target, false, frame, after, line);
                        io = io.withOut(sink).withErr(sink);
                    }
                }
                case "<" -> {
                    String content = fs.read(target, frame);
                    io = io.withIn(content == null ? "" : new String(content)); // its own, for read's offset
                }
                case "<<", "<<<" -> io = io.withIn(sym.equals("<<<") ? target + "\n" : new String(target));
                case "<&", "<>" -> { }
                default -> reportUnsupported(frame, line, op, "this redirection is not supported");
            }
        }
        try {
            return body.run(frame.withIo(io));
        } finally {
            after.forEach(Runnable::run);
        }
    }

    private Io.Sink sinkFor(String target, boolean append, Frame frame, List<Runnable> after, int line) {
        if (target.equals("/dev/null")) {
            return Io.NULL;
        }
        if (target.equals("/dev/stderr")) {
            return frame.io().err();
        }
        if (target.equals("/dev/stdout")) {
            return frame.io().out();
        }
        Io.Buffer buffer = new Io.Buffer();
        after.add(() -> fs.write(target, buffer.text(), append, frame, line));
        return buffer;
    }

    // ---- variables ----

    /** How far {@code read} has consumed this input (the very string a redirection or pipeline gave). */
    int inputOffset(String input) {
        synchronized (inputOffsets) {
            return inputOffsets.getOrDefault(input, 0);
        }
    }

    void consumeInput(String input, int offset) {
        synchronized (inputOffsets) {
            inputOffsets.put(input, offset);
        }
    }

    String ifs() {
        String v = scalar("IFS");
        return v == null ? " \t\n" : v;
    }

    /** {@code ${!NAME[@]}}: the indexes of an array, the keys of an associative array, {@code 0} for a scalar. */
    List<String> keys(String name) {
        Var v = lookup(name);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.assoc != null) {
            out.addAll(v.assoc.keySet());
        } else if (v.array != null) {
            for (int i = 0; i < v.array.size(); i++) {
                if (v.array.get(i) != null) {
                    out.add(Integer.toString(i));
                }
            }
        } else if (v.scalar != null) {
            out.add("0");
        }
        return out;
    }

    private Var lookup(String name) {
        for (Map<String, Var> frame : locals) {
            Var v = frame.get(name);
            if (v != null) {
                return v;
            }
        }
        return globals.get(name);
    }

    /** The value of a variable or special parameter, {@code null} if unset. */
    String value(String name, String index) {
        switch (name) {
            case "?":
                return Integer.toString(lastStatus);
            case "#":
                return Integer.toString(currentPositional().size());
            case "$":
                return "4242";
            case "-":
                return errexit ? "ehB" : "hB";
            case "0":
                return scriptName;
            case "@", "*":
                return String.join(" ", currentPositional());
            default:
                break;
        }
        if (name.matches("\\d+")) {
            int i = Integer.parseInt(name);
            List<String> p = currentPositional();
            return i >= 1 && i <= p.size() ? p.get(i - 1) : null;
        }
        Var v = lookup(name);
        if (v == null) {
            return null;
        }
        String idx = index;
        if (idx != null) {
            idx = expander.string(Lexer2.asDoubleQuoted(idx), new Frame(this, new Io("", Io.NULL, Io.NULL), null, true,
                    scriptName));
            if (v.assoc == null && !idx.matches("\\s*\\d+\\s*")) {
                idx = Long.toString(arith(idx, null));
            }
        }
        return v.value(idx);
    }

    /** The elements of {@code "$@"} or of an array. */
    List<String> values(String name, String index) {
        if (name.equals("@") || name.equals("*")) {
            return currentPositional();
        }
        Var v = lookup(name);
        return v == null ? List.of() : v.values();
    }

    String scalar(String name) {
        return value(name, null);
    }

    /** Whether a variable is set ({@code test -v}). */
    public boolean isSet(String name) {
        return lookup(name) != null;
    }

    /** {@code set -u} is not honoured; an unset variable expands to nothing. */
    void unsetReference(String name) {
        // deliberately nothing: scripts under "set -u" would stop, the model keeps going
    }

    /** Assigns a scalar, to the innermost {@code local} of that name if there is one. */
    public void assign(String name, String value) {
        int bracket = name.indexOf('[');
        if (bracket > 0 && name.endsWith("]")) {
            assignElement(name.substring(0, bracket), name.substring(bracket + 1, name.length() - 1), value);
            return;
        }
        Var v = lookup(name);
        if (v != null) {
            v.scalar = value;
            v.array = null;
            v.assoc = null;
        } else {
            globals.put(name, Var.scalar(value));
        }
    }

    private void assignElement(String name, String index, String value) {
        Var v = lookup(name);
        if (v == null) {
            v = new Var();
            globals.put(name, v);
        }
        if (v.assoc != null) {
            v.assoc.put(index, value);
            return;
        }
        if (v.array == null) {
            v.array = new ArrayList<>();
            if (v.scalar != null) {
                v.array.add(v.scalar);
            }
            v.scalar = null;
        }
        int i;
        try {
            i = Integer.parseInt(index.strip());
        } catch (NumberFormatException e) {
            i = (int) arith(index, null);
        }
        while (v.array.size() <= i) {
            v.array.add(null);
        }
        v.array.set(i, value);
    }

    private void setVar(String name, String value) {
        globals.put(name, Var.scalar(value));
    }

    void assignArray(String name, List<String> elements, boolean append) {
        Var v = lookup(name);
        if (v == null) {
            v = new Var();
            globals.put(name, v);
        }
        if (v.assoc != null && !append) {
            v.assoc.clear();
        }
        if (!append || v.array == null) {
            List<String> start = append && v.scalar != null ? new ArrayList<>(List.of(v.scalar)) : new ArrayList<>();
            if (append && v.array != null) {
                start = v.array;
            }
            v.array = start;
            v.scalar = null;
        }
        v.array.addAll(elements);
    }

    void declareLocal(String name, boolean assoc, boolean array) {
        Map<String, Var> frame = locals.peek();
        Var v = new Var();
        if (assoc) {
            v.assoc = new LinkedHashMap<>();
        } else if (array) {
            v.array = new ArrayList<>();
        }
        if (frame == null) {
            globals.put(name, v);
        } else {
            frame.put(name, v);
        }
    }

    boolean isSetLocally(String name) {
        Map<String, Var> frame = locals.peek();
        return frame != null && frame.containsKey(name);
    }

    void declareGlobal(String name, boolean assoc, boolean array) {
        Var v = globals.computeIfAbsent(name, n -> new Var());
        if (assoc && v.assoc == null) {
            v.assoc = new LinkedHashMap<>();
        } else if (array && v.array == null) {
            v.array = new ArrayList<>();
        }
    }

    void unset(String name) {
        for (Map<String, Var> frame : locals) {
            if (frame.remove(name) != null) {
                return;
            }
        }
        globals.remove(name);
        functions.remove(name);
    }

    void applyAssignment(Node.Assignment a, Frame frame, boolean local) {
        if (a.array() != null) {
            List<String> elements = expander.fields(a.array(), frame);
            if (local) {
                declareLocal(a.name(), false, true);
            }
            assignArray(a.name(), elements, a.append());
            return;
        }
        String value = expander.string(a.value(), frame);
        if (a.index() != null) {
            assign(a.name() + "[" + expander.string(a.index(), frame) + "]", value);
            return;
        }
        if (local) {
            declareLocal(a.name(), false, false);
        }
        if (a.append()) {
            String old = scalar(a.name());
            value = (old == null ? "" : old) + value;
        }
        assign(a.name(), value);
    }

    List<String> currentPositional() {
        List<String> p = positional.peek();
        return p == null ? List.of() : p;
    }

    void shift(int n) {
        List<String> p = positional.peek();
        if (p != null) {
            p.subList(0, Math.min(n, p.size())).clear();
        }
    }

    void setPositional(List<String> args) {
        positional.pop();
        positional.push(new ArrayList<>(args));
    }

    int lastStatus() {
        return lastStatus;
    }

    Expander expander() {
        return expander;
    }

    /** Expands words into fields, for the replay's commands that take a script fragment. */
    public List<String> expand(List<Word> words, Frame frame) {
        return expander.fields(words, frame);
    }
}
