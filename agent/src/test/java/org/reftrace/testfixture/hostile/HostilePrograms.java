package org.reftrace.testfixture.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * Programs that try the agent where trusted tools are tried (issue 13): {@code exit-under-lock} calls
 * {@code System.exit(3)} inside a block synchronized on a leaked slot, whose accessors the profile names;
 * {@code collected N} leaks N slots that the garbage collector then takes; {@code touch N} opens and releases N
 * slots that it keeps alive (none outstanding) and prints its resident set.
 */
public final class HostilePrograms {
    private HostilePrograms() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "exit-under-lock" -> {
                Slot leaked = Slot.open("slot-locked");
                leaked.retain();
                synchronized (leaked) {
                    System.out.println("exiting under the lock");
                    System.exit(3);
                }
            }
            case "collected" -> {
                int n = Integer.parseInt(args[1]);
                for (int i = 0; i < n; i++) {
                    Slot.open("gone-" + i).retain(); // never released, and nothing keeps it: a leak only GC finds
                }
                for (int i = 0; i < 10; i++) {
                    System.gc();
                    Thread.sleep(50);
                }
                Slot live = Slot.open("still-here"); // leaked too, and alive at exit
                System.out.println("done " + live.id());
            }
            case "touch" -> {
                int n = Integer.parseInt(args[1]);
                List<Slot> kept = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Slot s = Slot.open("s" + i);
                    s.release();
                    kept.add(s);
                }
                for (int i = 0; i < 3; i++) {
                    System.gc();
                }
                System.out.println("touched " + kept.size() + " rss-kb " + rssKb());
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** The process's resident set (Linux {@code /proc/self/status}), in kB; -1 elsewhere. */
    private static long rssKb() throws java.io.IOException {
        java.nio.file.Path status = java.nio.file.Path.of("/proc/self/status");
        if (!java.nio.file.Files.exists(status)) {
            return -1;
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
