package org.reftrace.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Health;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Problem;
import org.reftrace.dump.Summary;
import org.reftrace.dump.TrackedObject;
import org.reftrace.dump.Wait;

/** Small dumps for viewer tests. */
public final class Dumps {
    private Dumps() {}

    public static Holder holder(String site, String owner, String stack) {
        return new Holder(site, owner, "app.Owner", "main", 100, 2_000_000_000L, "owner", stack);
    }

    /** A dump with one hung object {@code name} held {@code count} times from one stack. */
    public static Dump hung(String name, int count, String site) {
        return hung(7, name, count, site);
    }

    /** The same, from the JVM with this pid. */
    public static Dump hung(long pid, String name, int count, String site) {
        List<Holder> holders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            holders.add(holder(site, "Cache@" + i, "s1"));
        }
        TrackedObject object = new TrackedObject(1, "netdev", name, "hung", count + 1, 0, true,
                List.of(new LifecycleEvent("alloc", 0, "main"), new LifecycleEvent("unregister", 10, "main"),
                        new LifecycleEvent("wait-start", 11, "main"), new LifecycleEvent("wait-gave-up", 500, "main")),
                holders);
        Problem problem = new Problem("lingering-holders", 1, name, count + " references still held", site, "main", 20,
                List.of(site, "app.Main.main(Main.java:1)"), List.of());
        return new Dump(Dump.VERSION, new Meta("2026-11-29T00:00:00Z", pid, "test JVM", "netdev", "exit", "", 600),
                new Health(0, 0, 0, 0, List.of(), List.of(), false, 3, 4, "first 16"),
                new Summary(1, count, count, 0, 1, Map.of("lingering-holders", 1)), List.of(object), List.of(problem),
                List.of(new Wait(1, name, 11, 489, "gave-up", 2)), Map.of("owner", 3L), List.of(),
                Map.of("s1", List.of(site, "app.Main.main(Main.java:1)")));
    }
}
