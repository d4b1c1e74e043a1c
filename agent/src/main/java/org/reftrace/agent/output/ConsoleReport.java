package org.reftrace.agent.output;

import java.util.ArrayList;
import java.util.List;
import org.reftrace.analysis.Finding;
import org.reftrace.analysis.Suspect;
import org.reftrace.analysis.Suspects;
import org.reftrace.analysis.Verdict;
import org.reftrace.dump.Drop;
import org.reftrace.dump.Dump;
import org.reftrace.dump.ProfileHealth;
import org.reftrace.dump.TrackedObject;

/**
 * The console text: who holds an object that is being waited for, in the kernel's ref_tracker style ({@code N/M
 * holders at} + stack) but naming owners, chains, durations and why each group ranks where it does; the verdict
 * at exit; and test mode's failure. Pure functions from a {@link Dump} to lines, ranked by the shared analysis
 * (the page and {@code --fail-on-leak} rank the same way). Every text from the watched program is escaped
 * ({@link Text#escape}), so no control character reaches the terminal.
 */
public final class ConsoleReport {
    static final String PREFIX = "reftrace: ";
    /** Frames printed per holder group. */
    static final int FRAMES = 12;

    private ConsoleReport() {}

    /** The holders of one object, as ranked suspects (through chains to their roots), most suspect first. */
    public static List<String> holders(Dump dump, long objectId, int maxGroups) {
        TrackedObject object = dump.objects().stream().filter(o -> o.id() == objectId).findFirst().orElse(null);
        List<String> out = new ArrayList<>();
        if (object == null) {
            return out;
        }
        int n = object.holders().size();
        out.add(PREFIX + Text.escape(object.name()) + (object.namespace() != null ? " in "
                + Text.escape(object.namespace()) : "") + " (" + object.kind() + ", " + object.state()
                + (object.refcount() != null ? ", usage count " + object.refcount() : "") + ") is held by " + n
                + " recorded reference" + (n == 1 ? "" : "s") + (n == 0 ? "" : ", most suspect first:"));
        List<Suspect> suspects = Suspects.pinning(dump, objectId);
        int shown = 0;
        for (Suspect s : suspects) {
            if (shown == maxGroups) {
                out.add(PREFIX + "  skipped " + (suspects.size() - shown) + " more groups (raise maxGroups to see them)");
                break;
            }
            out.addAll(suspect(s));
            shown++;
        }
        if (object.unattributed() > 0) {
            out.add(PREFIX + "  and " + object.unattributed() + " reference" + (object.unattributed() == 1 ? "" : "s")
                    + " the count shows but no recorded hold explains (taken before the agent attached, or"
                    + " outside the profile)");
        }
        return out;
    }

    /** One suspect: where, by whom, why it ranks here, its chain and its stack. */
    static List<String> suspect(Suspect s) {
        List<String> out = new ArrayList<>();
        out.add(PREFIX + "  " + s.holders() + " reference" + (s.holders() == 1 ? "" : "s") + " taken at "
                + Text.escape(s.site()) + (s.pinned().size() > 1 ? ", keeping " + s.pinned().size() + " "
                + s.pinned().get(0).kind() + " objects" : ""));
        out.add(PREFIX + "    owner " + (s.exampleOwner() != null ? Text.escape(s.exampleOwner())
                : "(static " + simple(s.ownerClass()) + ")") + "; " + threadText(s.exampleThread()));
        if (s.chainLength() > 1) {
            out.add(PREFIX + "    pins " + Text.escape(s.chainText()));
        }
        out.add(PREFIX + "    why: " + Text.escape(s.why()));
        s.stack().stream().limit(FRAMES).forEach(f -> out.add(PREFIX + "      at " + Text.escape(f)));
        if (s.stack().size() > FRAMES) {
            out.add(PREFIX + "      ... " + (s.stack().size() - FRAMES) + " more");
        }
        if (s.stack().isEmpty()) {
            out.add(PREFIX + "      (no stack captured for this hold; the call site is exact)");
        } else if (s.stackRepresentative()) {
            out.add(PREFIX + "      (a stack taken at the same site by an owner of the same class)");
        }
        return out;
    }

    /** The verdict at exit: one line, the leading findings, then what the agent itself missed. */
    public static List<String> verdict(Dump dump, String dumpPath) {
        List<String> out = new ArrayList<>();
        Verdict v = Verdict.of(dump);
        out.add(PREFIX + v.objectsHeld() + " object" + (v.objectsHeld() == 1 ? "" : "s") + " still held ("
                + v.lingeringHolders() + " lingering reference" + (v.lingeringHolders() == 1 ? "" : "s") + "), "
                + v.problems() + " problem" + (v.problems() == 1 ? "" : "s")
                + (dumpPath != null ? "; dump: " + dumpPath : ""));
        v.findings().stream().limit(5).forEach(f -> out.add(PREFIX + "  " + Text.escape(f.headline())
                + (f instanceof Finding.Holders h ? " (" + h.suspect().why() + ")" : "")));
        out.addAll(health(dump));
        return out;
    }

    /** What the agent failed to see, each with the option that changes it: never a silent "no leaks". */
    public static List<String> health(Dump dump) {
        List<String> out = new ArrayList<>();
        if (dump.health().adviceFailures() > 0) {
            out.add(PREFIX + "  WARNING: " + dump.health().adviceFailures() + " events were missed because the agent's"
                    + " own code failed");
        }
        if (!dump.health().failedToInstrument().isEmpty()) {
            out.add(PREFIX + "  WARNING: " + dump.health().failedToInstrument().size()
                    + " classes could not be instrumented; events there were missed: "
                    + Text.escape(dump.health().failedToInstrument().get(0)));
        }
        for (String missing : dump.health().missingTargets()) {
            out.add(PREFIX + "  WARNING: " + Text.escape(missing));
        }
        for (Drop d : dump.health().drops()) {
            out.add(PREFIX + "  WARNING: " + d.count() + " " + d.what() + (d.option() != null ? "; raise " + d.option()
                    : ""));
        }
        for (ProfileHealth p : dump.health().profiles()) {
            if (p.events() == 0 && p.instrumentedTargets() == 0) {
                out.add(PREFIX + "  WARNING: profile " + p.name() + " (" + Text.escape(p.source())
                        + ") instrumented nothing: none of the " + p.targets() + " methods it names was found"
                        + " on a loaded class");
            }
        }
        return out;
    }

    /** Test mode's failure text, or {@code null} when the period was clean. */
    public static String testFailure(Dump dump, List<String> missingTargets) {
        List<String> lines = new ArrayList<>();
        for (String missing : missingTargets) {
            lines.add(Text.escape(missing));
        }
        Verdict v = Verdict.of(dump);
        if (v.leaks()) {
            lines.add(v.lingeringHolders() + " reference" + (v.lingeringHolders() == 1 ? " is" : "s are")
                    + " still held" + (v.problems() > 0 ? ", " + v.problems() + " problem"
                    + (v.problems() == 1 ? "" : "s") : ""));
            int shown = 0;
            for (Finding f : v.findings()) {
                if (shown++ == 20) {
                    lines.add("  ... and " + (v.findings().size() - 20) + " more");
                    break;
                }
                lines.add("  " + Text.escape(f.headline()) + (f instanceof Finding.Holders h
                        ? " on thread " + Text.escape(h.suspect().exampleThread()) + " (" + h.suspect().why() + ")"
                        : ""));
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** A replayed script names its thread after the command line that ran: say "taken during" it. */
    static String threadText(String thread) {
        return thread != null && thread.matches("line \\d+.*: .*") ? "taken during " + Text.escape(thread)
                : "thread " + Text.escape(thread);
    }

    private static String simple(String className) {
        return className == null ? "?" : className.substring(className.lastIndexOf('.') + 1);
    }
}
