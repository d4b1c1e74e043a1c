package org.reftrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reftrace.gallery.Gallery;
import org.reftrace.gallery.Scenario;
import org.reftrace.gallery.Variant;

/**
 * Runs one gallery scenario in a JVM of its own, under the agent unless asked not to, and leaves the agent's
 * dump in the output folder. The child's output goes straight to ours.
 */
final class ScenarioLauncher {
    private final Installation installation;
    private final PrintWriter err;

    ScenarioLauncher(Installation installation, PrintWriter err) {
        this.installation = installation;
        this.err = err;
    }

    /** What to run. {@code outDir} may be {@code null} with {@code agent} off. */
    record Request(String scenario, Variant variant, Path outDir, boolean agent, String agentOptions,
            Double durationSeconds) {}

    /** Runs it; returns the exit code for the CLI. */
    int launch(Request request) throws IOException, InterruptedException {
        Scenario scenario = Gallery.find(request.scenario()).orElse(null);
        if (scenario == null) {
            List<String> near = NearestNames.to(request.scenario(), Gallery.names());
            err.println("reftrace: unknown scenario '" + Terminal.escape(request.scenario()) + "' ("
                    + (near.isEmpty() ? "" : "did you mean " + String.join(" or ", near) + "? ")
                    + "expected one of: " + String.join(", ", Gallery.names()) + ")");
            return ExitCodes.USAGE;
        }
        List<String> args = new ArrayList<>(List.of(scenario.name(), request.variant().label()));
        if (request.durationSeconds() != null) {
            args.add(Double.toString(request.durationSeconds()));
        }
        return launch("org.reftrace.gallery.GalleryMain", args, request.outDir(), request.agent(),
                request.agentOptions(), "reftrace: " + scenario.name() + " (" + request.variant().label() + ")");
    }

    /**
     * Runs {@code mainClass} from the sample-drivers jar in its own JVM, under the agent when asked, then renders
     * the dump it leaves in {@code outDir} as {@code report.html}. The child's output goes straight to ours.
     */
    int launch(String mainClass, List<String> args, Path outDir, boolean agent, String agentOptions, String title)
            throws IOException, InterruptedException {
        if (!Installation.isFile(installation.sampleDriversJar())) {
            err.println("reftrace: " + installation.sampleDriversJar() + " is missing (" + installation.rebuildHint() + ")");
            return ExitCodes.USAGE;
        }
        List<String> command = new ArrayList<>(List.of(Installation.javaExecutable()));
        if (agent) {
            if (!Installation.isFile(installation.agentJar())) {
                err.println("reftrace: the agent jar " + installation.agentJar()
                        + " is missing (" + installation.rebuildHint() + ", or run with --no-agent)");
                return ExitCodes.USAGE;
            }
            String problem = OutputFolder.prepare(outDir);
            if (problem != null) {
                err.println("reftrace: " + problem);
                return ExitCodes.USAGE;
            }
            String options = "dump=" + outDir.resolve("dump.json").toAbsolutePath();
            if (agentOptions != null && !agentOptions.isBlank()) {
                options += "," + agentOptions;
            }
            // The agent appends its facade to the boot class path, after which JDK 17 prints a class-data-sharing
            // notice on stdout; the program's output should be the program's.
            command.add("-Xshare:off");
            command.add("-javaagent:" + installation.agentJar() + "=" + options);
        }
        command.addAll(List.of("-cp", installation.sampleDriversJar().toString(), mainClass));
        command.addAll(args);
        err.flush();
        Process child = new ProcessBuilder(command).inheritIO().start();
        int exit = child.waitFor();
        if (exit == ExitCodes.USAGE) {
            return ExitCodes.USAGE;
        }
        if (agent) {
            Path dump = outDir.resolve("dump.json");
            if (!Files.isRegularFile(dump)) {
                err.println("reftrace: the agent wrote no dump (see the messages above)");
                return ExitCodes.USAGE;
            }
            err.println("reftrace: dump written to " + dump.toAbsolutePath());
            ReportWriter writer = new ReportWriter(err);
            try {
                writer.write(writer.build(title, List.of(dump), Inputs::dump), outDir.resolve("report.html"));
            } catch (ReportWriter.InputError e) {
                err.println(e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        return exit == 0 ? ExitCodes.OK : ExitCodes.LEAKS;
    }
}
