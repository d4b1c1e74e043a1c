package org.reftrace.kernellog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads kernel log text: with or without {@code [ time]} and {@code [ Tnnn]} prefixes, with syzbot's symbolized
 * frames ({@code func file:line [inline]}) or raw ones ({@code func+0x84/0x4a0 [module]}). Lines it does not
 * recognise are skipped; a report cut short keeps what it has.
 */
public final class KernelLogParser {
    // Bounded digit runs: a number too long for its type is no prefix (and no count) at all, never an exception;
    // DOTALL: a lone CR or NEL inside a line is content like any other character.
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:\\[\\s*(\\d{1,9})\\.(\\d{1,9})\\])?(?:\\[\\s*([TC]\\d+)\\s*\\])?(.*)$", Pattern.DOTALL);
    private static final Pattern WAITING = Pattern.compile(
            "unregister_netdevice: waiting for (\\S+) to become free\\. Usage count = (-?\\d{1,9})(?!\\d)");
    private static final Pattern HAS_USERS = Pattern.compile("ref_tracker: (\\S+)@\\S+ has (\\d{1,9})/(\\d{1,9})(?!\\d) users at");
    private static final Pattern SKIPPED = Pattern.compile(
            "ref_tracker: (\\S+)@\\S+ skipped reports about (\\d{1,9})/(\\d{1,9})(?!\\d) users\\.");
    private static final Pattern LEAKED = Pattern.compile("(?:ref_tracker: )?leaked reference\\.");
    private static final Pattern ALREADY_RELEASED = Pattern.compile("ref_tracker: reference already released\\.");
    private static final Pattern ALLOCATED_IN = Pattern.compile("(?:ref_tracker: )?allocated in:");
    private static final Pattern FREED_IN = Pattern.compile("(?:ref_tracker: )?freed in:");
    /** {@code func+0x84/0x4a0 [mod]}, {@code func file.c:12 [inline]}, {@code func+0x1/0x2 file.c:3}. */
    private static final Pattern FRAME = Pattern.compile(
            "[A-Za-z_.$][\\w.$]*(?:\\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+)?(?: \\S+:\\d+)?(?: \\[[\\w-]+\\])*");

    private KernelLogParser() {}

    /** A mutable frame list being filled, and what owns it. */
    private static final class Open {
        final List<String> frames = new ArrayList<>();
    }

    public static KernelLogReport parse(String source, String text) {
        List<KernelLogReport.Repeat> repeats = new ArrayList<>();
        List<KernelLogReport.Group> orphans = new ArrayList<>();
        List<KernelLogReport.Release> releases = new ArrayList<>();
        // the repeat being built: its fields, its groups
        String device = null;
        int usage = 0;
        long time = -1;
        String task = null;
        int repeatLine = 0;
        int skipped = 0;
        List<KernelLogReport.Group> groups = null;
        // the group or release section taking frames
        Open frames = null;
        String groupDir = null;
        int groupCount = 0;
        int groupTotal = 0;
        int groupLine = 0;
        long releaseTime = -1;
        String releaseTask = null;
        int releaseLine = 0;
        Open allocated = null;
        Open freed = null;

        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String raw = i < lines.length ? lines[i] : "";
            boolean end = i == lines.length;
            if (!end && raw.startsWith("#")) {
                continue; // a header added by whoever saved the log
            }
            Matcher prefix = PREFIX.matcher(raw);
            prefix.matches();
            long at = prefix.group(1) == null ? -1
                    : Long.parseLong(prefix.group(1)) * 1_000_000_000L + micros(prefix.group(2)) * 1_000L;
            String lineTask = prefix.group(3);
            String content = prefix.group(4).strip();

            Matcher m;
            boolean isFrame = !end && !content.isEmpty() && frames != null && FRAME.matcher(content).matches()
                    && !content.startsWith("ref_tracker:") && !content.startsWith("unregister_netdevice:");
            if (isFrame) {
                frames.frames.add(content);
                continue;
            }
            // anything else ends the frames being read
            if (frames != null && groupDir != null) {
                KernelLogReport.Group group = new KernelLogReport.Group(groupDir, groupCount, groupTotal,
                        List.copyOf(frames.frames), groupLine);
                if (groups != null) {
                    groups.add(group);
                } else {
                    orphans.add(group);
                }
                groupDir = null;
            }
            frames = null;
            m = WAITING.matcher(content);
            boolean waiting = !end && m.find();
            if (end || waiting) {
                if (device != null) {
                    repeats.add(new KernelLogReport.Repeat(device, usage, time, task, repeatLine, List.copyOf(groups),
                            skipped));
                }
                if (end) {
                    if (allocated != null) {
                        releases.add(new KernelLogReport.Release(releaseTime, releaseTask, releaseLine,
                                List.copyOf(allocated.frames), freed == null ? List.of() : List.copyOf(freed.frames)));
                    }
                    break;
                }
                device = m.group(1);
                usage = Integer.parseInt(m.group(2));
                time = at;
                task = lineTask;
                repeatLine = i + 1;
                skipped = 0;
                groups = new ArrayList<>();
                continue;
            }
            if ((m = HAS_USERS.matcher(content)).find()) {
                groupDir = m.group(1);
                groupCount = Integer.parseInt(m.group(2));
                groupTotal = Integer.parseInt(m.group(3));
                groupLine = i + 1;
                frames = new Open();
            } else if (LEAKED.matcher(content).matches()) {
                groupDir = device != null ? device : "netdev";
                groupCount = 1;
                groupTotal = 0;
                groupLine = i + 1;
                frames = new Open();
            } else if ((m = SKIPPED.matcher(content)).find()) {
                skipped = Integer.parseInt(m.group(2));
            } else if (ALREADY_RELEASED.matcher(content).find()) {
                if (allocated != null) {
                    releases.add(new KernelLogReport.Release(releaseTime, releaseTask, releaseLine,
                            List.copyOf(allocated.frames), freed == null ? List.of() : List.copyOf(freed.frames)));
                }
                releaseTime = at;
                releaseTask = lineTask;
                releaseLine = i + 1;
                allocated = new Open();
                freed = null;
            } else if (ALLOCATED_IN.matcher(content).matches() && allocated != null) {
                frames = allocated;
            } else if (FREED_IN.matcher(content).matches() && allocated != null) {
                freed = new Open();
                frames = freed;
            }
        }
        return new KernelLogReport(source, repeats, orphans, releases);
    }

    /** The fraction after the dot, as microseconds (dmesg prints 6 digits). */
    private static long micros(String fraction) {
        String six = (fraction + "000000").substring(0, 6);
        return Long.parseLong(six);
    }
}
