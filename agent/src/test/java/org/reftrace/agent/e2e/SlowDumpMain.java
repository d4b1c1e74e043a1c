package org.reftrace.agent.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpWriter;
import org.reftrace.dump.Health;
import org.reftrace.dump.Holder;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Summary;
import org.reftrace.dump.TrackedObject;

/**
 * The forked side of {@link StaleTempFilesIT}: {@code write FILE} writes a dump big enough to be killed in the
 * middle of (the agent's own writer, {@link DumpWriter}); {@code sleep} idles, under the agent; {@code exit}
 * returns at once.
 */
public final class SlowDumpMain {
    private SlowDumpMain() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "write" -> {
                String site = "app.Cache.put(Cache.java:9)";
                List<Holder> holders = new ArrayList<>();
                for (int i = 0; i < 600_000; i++) {
                    holders.add(new Holder(site, "app.Cache@1", "app.Cache", "main", i, 1_000_000L, "owner", null));
                }
                TrackedObject object = new TrackedObject(1, "netdev", "dummy0", "hung", holders.size(), 0, true,
                        List.of(), holders);
                Dump dump = new Dump(Dump.VERSION, new Meta("2026-12-01T00:00:00Z", ProcessHandle.current().pid(),
                        "test", "netdev", "exit", "", 1),
                        new Health(0, 0, 0, 0, List.of(), List.of(), false, 0, 0, "none"),
                        new Summary(1, holders.size(), holders.size(), 0, 0, Map.of()), List.of(object), List.of(),
                        List.of(), Map.of(), List.of(), Map.of());
                for (int i = 0; i < 100; i++) {
                    DumpWriter.write(dump, Path.of(args[1])); // again and again, until killed
                }
            }
            case "sleep" -> Thread.sleep(120_000);
            default -> { }
        }
    }
}
