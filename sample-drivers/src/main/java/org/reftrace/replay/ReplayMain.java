package org.reftrace.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reftrace.gallery.RunOptions;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;

/**
 * The program a replay runs in: {@code ReplayMain SCRIPT [--quirk NAME]... [--keep-going]}. The reftrace CLI starts
 * it in its own JVM, under the agent unless told otherwise. Time runs as in the gallery: 50 times faster, and a
 * hung wait gives up after 25 model seconds.
 *
 * <p>Exit codes: 0 when the script ran, 2 for an unreadable script, an unsupported line (without
 * {@code --keep-going}) or an unknown quirk.
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
        ScriptParser.Script parsed;
        try {
            quirks = ReplayQuirks.parse(quirkNames);
            parsed = ScriptParser.parse(Files.readString(Path.of(script), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            System.err.println("reftrace: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("reftrace: cannot read script " + script + ": " + e.getMessage());
            return 2;
        }
        for (ScriptParser.Error error : parsed.errors()) {
            System.err.println("reftrace: " + script + ":" + error + (keepGoing ? " (skipped)" : ""));
        }
        if (!parsed.errors().isEmpty() && !keepGoing) {
            System.err.println("reftrace: nothing was run (use --keep-going to skip unsupported lines)");
            return 2;
        }
        RunOptions options = RunOptions.defaults(System.out);
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withQuirks(quirks.core())
                .withWaitEscape(options.waitEscape()), options.clock(), System.out);
        if (!quirkNames.isEmpty()) {
            System.out.println("# time machine: " + String.join(", ", quirkNames));
        }
        new Replayer(kernel, quirks, System.out).run(parsed.commands());
        System.out.println("# replay of " + script + " done: " + parsed.commands().size() + " commands, "
                + kernel.hangs().size() + " hung waits");
        return 0;
    }
}
