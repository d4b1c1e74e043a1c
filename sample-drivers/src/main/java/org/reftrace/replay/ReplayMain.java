package org.reftrace.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.reftrace.gallery.RunOptions;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.KernelMessage;
import org.reftrace.replay.shell.Ledger;
import org.reftrace.replay.shell.ShellError;

/**
 * The program a replay runs in: {@code ReplayMain SCRIPT [--quirk NAME]... [--keep-going]}. The reftrace CLI starts
 * it in its own JVM, under the agent unless told otherwise. Time runs as in the gallery: 50 times faster, and a
 * hung wait gives up after 25 model seconds.
 *
 * <p>Exit codes: 0 when the script ran and the kernel ended clean; 1 when a wait hung or the kernel reported a
 * problem (BUG, use after free, refcount saturation, double free); 2 for an unreadable script, an unknown quirk,
 * or a command the replay does not support (without {@code --keep-going}: then nothing runs if it is found before
 * running, and the replay stops at it if it shows only when it runs).
 */
public final class ReplayMain {
    private ReplayMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String script = null;
        List<String> quirkNames = new ArrayList<>();
        boolean keepGoing = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quirk" -> {
                    if (i + 1 == args.length) {
                        System.err.println("reftrace: --quirk needs a name (expected one of: "
                                + String.join(", ", ReplayQuirks.names()) + ")");
                        return 2;
                    }
                    quirkNames.add(args[++i]);
                }
                case "--keep-going" -> keepGoing = true;
                default -> script = args[i];
            }
        }
        if (script == null) {
            System.err.println("usage: ReplayMain SCRIPT [--quirk NAME]... [--keep-going]");
            return 2;
        }
        ReplayQuirks quirks;
        ReplayScript parsed;
        Path path = Path.of(script);
        try {
            quirks = ReplayQuirks.parse(quirkNames);
            parsed = ReplayScript.read(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8),
                    path.toAbsolutePath().getParent());
        } catch (IllegalArgumentException e) {
            System.err.println("reftrace: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("reftrace: cannot read script " + script + ": " + e.getMessage());
            return 2;
        }
        if (!report(parsed, keepGoing)) {
            return 2;
        }
        RunOptions options = RunOptions.defaults(System.out);
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withQuirks(quirks.core())
                .withWaitEscape(options.waitEscape()), options.clock(), System.out);
        if (!quirkNames.isEmpty()) {
            System.out.println("# time machine: " + String.join(", ", quirkNames));
        }
        Path dir = path.toAbsolutePath().getParent();
        Replayer replayer = new Replayer(kernel, quirks, System.out, dir, keepGoing);
        Replayer.Result result = replayer.replay(parsed);
        System.out.println(summary(parsed, result, kernel));
        if (result.stopped() != null) {
            System.err.println("reftrace: " + result.stopped() + "; stopped there (use --keep-going to skip "
                    + "unsupported lines)");
            return 2;
        }
        return kernelProblems(kernel) > 0 || !kernel.hangs().isEmpty() ? 1 : 0;
    }

    /** Prints the problems found before running; returns whether to run. */
    static boolean report(ReplayScript parsed, boolean keepGoing) {
        for (ShellError e : parsed.problems()) {
            System.err.println("reftrace: " + parsed.name() + ":" + e.line() + ": '" + e.token() + "' is not supported ("
                    + e.message() + ")" + (keepGoing ? " (skipped)" : ""));
        }
        if (!parsed.problems().isEmpty() && !keepGoing) {
            System.err.println("reftrace: nothing was run (use --keep-going to skip unsupported lines)");
            return false;
        }
        return true;
    }

    /** BUGs and memory errors (use after free, double free, refcount saturation) the kernel logged. */
    static long kernelProblems(Kernel kernel) {
        return kernel.log().messages().stream()
                .filter(m -> m.kind() == KernelMessage.Kind.BUG || m.kind() == KernelMessage.Kind.MEMORY).count();
    }

    /** The last lines of a replay: what ran, what did not, and how the kernel ended. */
    static String summary(ReplayScript parsed, Replayer.Result result, Kernel kernel) {
        Map<Ledger.Outcome, Integer> counts = result.ledger().counts();
        StringBuilder out = new StringBuilder();
        if (parsed.prompted()) {
            out.append("# read as a commit message: the prompt lines are the script; ").append(parsed.outputLines())
                    .append(" lines of output and prose skipped\n");
        }
        out.append("# replay of ").append(parsed.name()).append(" done: script exit status ")
                .append(result.scriptStatus()).append('\n');
        out.append(String.format("# command lines: %d ran, %d unsupported, %d skipped (no lifecycle command), "
                + "%d shell; %d not reached; %.0f%% of the lifecycle lines ran%n", counts.get(Ledger.Outcome.RAN),
                counts.get(Ledger.Outcome.UNSUPPORTED), counts.get(Ledger.Outcome.SKIPPED),
                counts.get(Ledger.Outcome.SHELL), result.ledger().notReached().size(),
                result.ledger().ranFraction() * 100));
        out.append("# kernel: ").append(kernel.hangs().size()).append(" hung waits, ").append(kernelProblems(kernel))
                .append(" BUG/memory errors");
        return out.toString();
    }
}
