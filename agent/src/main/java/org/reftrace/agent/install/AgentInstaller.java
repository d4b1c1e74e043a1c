package org.reftrace.agent.install;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.reftrace.agent.bootstrap.Hooks;
import org.reftrace.agent.capture.EventIntake;
import org.reftrace.agent.instrument.CallSiteTransformer;
import org.reftrace.agent.instrument.CalleeInstrumentation;
import org.reftrace.agent.instrument.InstrumentationReport;
import org.reftrace.agent.output.ConsoleReport;
import org.reftrace.agent.output.jfr.JfrEvents;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.profile.ProfileParser;
import org.reftrace.agent.profile.ProfileSet;
import org.reftrace.agent.profile.Profiles;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.Recorder;
import org.reftrace.agent.record.SnapshotContext;
import org.reftrace.agent.record.Snapshots;
import org.reftrace.analysis.Suspect;
import org.reftrace.analysis.Suspects;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpWriter;
import org.reftrace.dump.SiteStats;
import org.reftrace.dump.TrackedObject;

/**
 * Starts the agent: parses the options (one bad option: one line, and the agent stays off), picks the profile,
 * installs the recorder behind the bootstrap facade, wires the instrumentation, and arranges the outputs: the
 * console report at each "waiting for" warning, the dump at exit, periodically and on request.
 */
public final class AgentInstaller {
    /** The system property that tells {@code reftrace list} this JVM has the agent. */
    static final String ACTIVE_PROPERTY = "reftrace.agent";
    /** The verdict on the last options given: {@code ok}, or the lines that kept the agent off. */
    static final String VERDICT_PROPERTY = "reftrace.agent.verdict";
    /** The options in force, and the exit dump's absolute path (or {@code off}), for {@code reftrace status}. */
    static final String OPTIONS_PROPERTY = "reftrace.agent.options";
    static final String DUMP_PROPERTY = "reftrace.agent.dump";

    private final AgentConfig config;
    private final Recorder recorder;
    private final InstrumentationReport report;
    private final PrintStream console;
    private final boolean attached;
    private final List<ScheduledExecutorService> timers = new ArrayList<>();
    /** The JFR events; set once at start. */
    private JfrEvents jfr;
    /** Set once the exit dump is written: nothing may overwrite it. Guarded by {@code this}. */
    private boolean exitDumpWritten;

    private AgentInstaller(AgentConfig config, ProfileSet profiles, boolean attached) {
        this.config = config;
        this.attached = attached;
        this.recorder = new Recorder(profiles, config.recorder());
        this.console = switch (config.console()) {
            case STDERR -> System.err;
            case STDOUT -> System.out;
            case OFF -> null;
        };
        // a profile naming a method that does not exist is said at once, whatever the console setting
        this.report = new InstrumentationReport(System.err::println);
    }

    /**
     * Called reflectively by {@code AgentEntry}. Returns the handler of later commands ({@code reftrace dump}),
     * or {@code null} when the options were bad and the agent stayed off.
     */
    public static Function<String, String> install(Instrumentation inst, String options, boolean attached) {
        AgentOptions.Result parsed = AgentOptions.parse(options, ProcessHandle.current().pid());
        if (!parsed.ok()) {
            return off(parsed.errors());
        }
        Path dumpFile = parsed.config().dumpFile();
        String unwritable = dumpFile == null ? null : DumpPath.problem(dumpFile);
        if (unwritable != null) {
            return off(List.of("reftrace: agent option 'dump=" + dumpFile + "' is invalid: " + unwritable
                    + " (choose another file with dump=PATH, or dump=off)"));
        }
        if (dumpFile != null) {
            DumpPath.removeStaleTemps(dumpFile);
        }
        ProfileSet profiles;
        try {
            profiles = Profiles.load(parsed.config().profile());
        } catch (ProfileParser.ProfileError e) {
            return off(List.of(e.getMessage()));
        }
        AgentInstaller agent = new AgentInstaller(parsed.config(), profiles, attached);
        agent.start(inst);
        System.setProperty(OPTIONS_PROPERTY, parsed.config().raw());
        System.setProperty(DUMP_PROPERTY, dumpFile == null ? "off" : dumpFile.toAbsolutePath().toString());
        try {
            ControlChannel.open(agent::command);
        } catch (IOException | RuntimeException e) {
            System.err.println("reftrace: no control folder for 'reftrace dump' (" + e + "); it will load the agent "
                    + "again instead");
        }
        System.setProperty(VERDICT_PROPERTY, "ok");
        return agent::command;
    }

    /** The agent stays off: says why on stderr, and to an attaching {@code reftrace attach} (a property). */
    private static Function<String, String> off(List<String> errors) {
        List<String> lines = new ArrayList<>(errors);
        lines.add("reftrace: the agent is off; the program runs without it");
        lines.forEach(System.err::println);
        System.setProperty(VERDICT_PROPERTY, String.join("\n", lines));
        return null;
    }

    private void start(Instrumentation inst) {
        Hooks.install(new EventIntake(recorder, this::testCheck));
        jfr = JfrEvents.start(this::outstandingBySite, Hooks::countFailure);
        recorder.setProblemListener(jfr::problem);
        recorder.setWaitListener(this::printHolders);
        ProfileSet profiles = recorder.profiles();
        inst.addTransformer(new CallSiteTransformer(profiles, recorder.sites(), report), true);
        CalleeInstrumentation.install(inst, profiles, recorder.sites(), report);
        if (attached) {
            retransformLoadedCallers(inst);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::atExit, "reftrace-exit-dump"));
        if (!config.dumpEvery().isZero() && config.dumpFile() != null) {
            timers.add(PeriodicTask.start("reftrace-periodic-dump", config.dumpEvery(),
                    () -> writeDump("periodic", false, config.dumpFile())));
        }
        if (!config.lingerAfter().isZero()) {
            long threshold = config.lingerAfter().toNanos();
            timers.add(PeriodicTask.start("reftrace-linger-watch",
                    Duration.ofMillis(Math.max(10, config.lingerAfter().toMillis() / 4)),
                    () -> recorder.takeOverdueWaits(threshold).forEach(this::printHolders)));
        }
        // what the user asked for (kernel), not its expansion into thirteen profiles
        System.setProperty(ACTIVE_PROPERTY, "0.1.0 profile=" + config.profile());
    }

    /** After a late attach, rewrites call sites in classes that were loaded before the agent. */
    private void retransformLoadedCallers(Instrumentation inst) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            String name = c.getName();
            if (inst.isModifiableClass(c) && c.getClassLoader() != null && !name.startsWith("org.reftrace.agent.")
                    && !name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                candidates.add(c);
            }
        }
        for (Class<?> c : candidates) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                Hooks.countFailure();
            }
        }
    }

    private SnapshotContext context(String trigger, boolean atExit) {
        Set<Integer> advised = new HashSet<>();
        Map<String, List<String>> notLoaded = new HashMap<>();
        for (Profile p : recorder.profiles().profiles()) {
            for (Target t : p.targets()) {
                if (report.isAdvised(t)) {
                    advised.add(t.id());
                }
            }
            notLoaded.put(p.name(), report.notLoaded(p.name()));
        }
        return new SnapshotContext(trigger, atExit, config.raw(), report.failures(), report.instrumentedClasses(),
                attached, config.limits(), config.stackMode(), report.missing(), advised, notLoaded);
    }

    /**
     * At each "waiting for" warning: who holds the object, ranked, on the console and as a JFR event (with the top
     * signature) while a recording runs. Runs on the waiting thread; never throws.
     */
    private void printHolders(long objectId) {
        boolean toJfr = jfr.lingeringWanted();
        if (console == null && !toJfr) {
            return;
        }
        try {
            Dump dump = Snapshots.take(recorder, context("wait", false));
            if (console != null) {
                ConsoleReport.holders(dump, objectId, config.maxGroups()).forEach(console::println);
            }
            if (toJfr) {
                lingeringToJfr(dump, objectId);
            }
        } catch (Throwable t) {
            Hooks.countFailure();
        }
    }

    private void lingeringToJfr(Dump dump, long objectId) {
        for (TrackedObject object : dump.objects()) {
            if (object.id() == objectId && !object.holders().isEmpty()) {
                Suspect top = Suspects.pinning(dump, objectId).stream().findFirst().orElse(null);
                jfr.lingering(object.qualifiedName(), object.holders().size(),
                        object.refcount() == null ? -1 : object.refcount(), top == null ? null : top.site(),
                        top == null ? null : top.ownerClass(), top == null ? null : top.why());
            }
        }
    }

    /** Per call site, the references taken there and not put back yet, for the periodic JFR event. */
    private List<JfrEvents.SiteCount> outstandingBySite() {
        List<JfrEvents.SiteCount> out = new ArrayList<>();
        for (SiteStats s : recorder.siteStats()) {
            if (s.outstanding() > 0) {
                out.add(new JfrEvents.SiteCount(s.site(), s.outstanding(), s.taken(), s.released()));
            }
        }
        return out;
    }

    /** Test mode: what is wrong since a mark, or {@code null}. */
    private String testCheck(long mark) {
        Dump dump = Snapshots.since(recorder, mark, context("test", false));
        return ConsoleReport.testFailure(dump, report.missing());
    }

    private void atExit() {
        for (ScheduledExecutorService timer : timers) {
            timer.shutdownNow(); // a periodic dump must never overwrite the exit dump
        }
        try {
            Path file = config.dumpFile();
            Dump dump = writeDump("exit", true, file);
            if (console != null && dump != null) {
                ConsoleReport.verdict(dump, file == null ? null : file.toAbsolutePath().toString())
                        .forEach(console::println);
            }
        } catch (Throwable t) {
            System.err.println("reftrace: could not write the exit dump: " + t);
        }
    }

    /** Writes one dump at a time; after the exit dump, periodic ones are skipped. */
    private synchronized Dump writeDump(String trigger, boolean atExit, Path file) {
        if (exitDumpWritten && trigger.equals("periodic")) {
            return null;
        }
        exitDumpWritten |= atExit;
        Dump dump = Snapshots.take(recorder, context(trigger, atExit));
        if (file != null) {
            try {
                DumpWriter.write(dump, file);
            } catch (IOException e) {
                System.err.println("reftrace: could not write the dump to " + file + ": " + e.getMessage()
                        + " (choose another file with dump=PATH)");
            }
        }
        return dump;
    }

    /** A later {@code agentmain} call: {@code command=dump[,file=PATH]}. Returns one line for the attacher. */
    private String command(String options) {
        String command = null;
        String file = null;
        for (String pair : options.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String key = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (key.equals("command")) {
                    command = value;
                } else if (key.equals("file")) {
                    file = value;
                }
            }
        }
        if (!"dump".equals(command)) {
            return "reftrace: the agent is already running (to take a dump: command=dump,file=PATH)";
        }
        Path target = file != null ? Path.of(file) : config.dumpFile() != null ? config.dumpFile()
                : Path.of("reftrace-dump-" + ProcessHandle.current().pid() + ".json");
        String unwritable = DumpPath.problem(target);
        if (unwritable != null) {
            return "reftrace: cannot write the dump: " + unwritable;
        }
        writeDump("request", false, target);
        return "reftrace: dump written to " + target.toAbsolutePath();
    }
}
