package org.reftrace.analysis;

import java.util.List;
import java.util.Map;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Health;
import org.reftrace.dump.HistogramSummary;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Problem;
import org.reftrace.dump.Summary;
import org.reftrace.dump.TrackedObject;

/** Crafted dumps for the analysis tests. */
final class TestDumps {
    private TestDumps() {}

    static Meta meta(long pid, String createdAt, long uptimeNanos) {
        return new Meta(createdAt, pid, "jvm", "netdev", "periodic", "", uptimeNanos, List.of("netdev"), "host1",
                "app.Main", "coarse clock, 1 ms");
    }

    static Holder holder(String site, String stack, long heldNanos) {
        return new Holder(site, "Owner@1", "app.Owner", "main", 1_000, heldNanos, "owner", stack, null, false, false);
    }

    static TrackedObject leaked(long id, String name, Holder... holders) {
        return new TrackedObject(id, "netdev", name, "hung", holders.length + 1, 0, true,
                List.of(new LifecycleEvent("alloc", 0, "main"), new LifecycleEvent("unregister", 500, "main")),
                List.of(holders), "netdev", "init_net", "org.reftrace.netdev.NetDevice");
    }

    static Dump dump(Meta meta, List<TrackedObject> objects, List<Problem> problems, List<HistogramSummary> histograms,
            Map<String, List<String>> stacks) {
        int holders = objects.stream().mapToInt(o -> o.holders().size()).sum();
        return new Dump(Dump.VERSION, meta, new Health(0, 0, 0, 0, List.of(), List.of(), false, 0, 0, "m"),
                new Summary(objects.size(), holders, holders, 0, problems.size(), Map.of()), objects, problems,
                List.of(), Map.of(), histograms, stacks, List.of(), List.of());
    }
}
