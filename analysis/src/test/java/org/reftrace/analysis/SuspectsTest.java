package org.reftrace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Health;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Problem;
import org.reftrace.dump.SiteStats;
import org.reftrace.dump.Summary;
import org.reftrace.dump.TrackedObject;

class SuspectsTest {
    private final List<TrackedObject> objects = new ArrayList<>();
    private final List<SiteStats> sites = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private static Holder holder(String site, Long ownerObject, long heldNanos, boolean afterUnregister) {
        return new Holder(site, ownerObject == null ? "Owner@1" : "obj" + ownerObject, "x.Owner", "main",
                1_000 - heldNanos, heldNanos, "owner", null, ownerObject, afterUnregister, false);
    }

    private void object(long id, String kind, String name, boolean shouldBeFree, Holder... holders) {
        objects.add(new TrackedObject(id, kind, name, shouldBeFree ? "hung" : "registered", holders.length + 1, 0,
                shouldBeFree, List.of(new LifecycleEvent("alloc", 0, "main")), List.of(holders), kind, null, null));
    }

    private Dump dump() {
        return new Dump(Dump.VERSION, new Meta("t", 1, "jvm", "netdev", "exit", "", 1000),
                new Health(0, 0, 0, 0, List.of(), List.of(), false, 0, 0, "m"),
                new Summary(objects.size(), 0, 0, 0, problems.size(), Map.of()), objects, problems, List.of(),
                Map.of(), List.of(), Map.of(), List.of(), sites);
    }

    @Test
    void followsAChainToItsRootAndRanksTheRootFirst() {
        // lo <- dst <- sock <- the culprit, beside an older direct holder of lo
        object(1, "netdev", "lo", true, holder("Decoy.hold(Decoy.java:1)", null, 900, false),
                holder("Dst.init(Dst.java:5)", 2L, 100, false));
        object(2, "dst", "dst(lo)", false, holder("Sock.setDst(Sock.java:9)", 3L, 100, false));
        object(3, "sock", "sock@1f", false, holder("Ip6Route.negativeAdvice(Ip6Route.java:44)", null, 50, false));

        List<Suspect> suspects = Suspects.of(dump());

        assertThat(suspects).extracting(Suspect::site)
                .containsExactly("Ip6Route.negativeAdvice(Ip6Route.java:44)", "Decoy.hold(Decoy.java:1)");
        Suspect root = suspects.get(0);
        assertThat(root.chainText()).isEqualTo("lo \u2190 dst(lo) \u2190 sock@1f");
        assertThat(root.evidence()).contains(Evidence.CHAIN_ROOT);
        assertThat(root.heldKind()).isEqualTo("sock");
        assertThat(root.why()).startsWith("root of a chain of 3: lo \u2190 dst(lo) \u2190 sock@1f");
    }

    @Test
    void aHoldTakenAfterUnregisterBeganRanksAboveEverything() {
        object(1, "netdev", "eth0", true, holder("Old.hold(Old.java:1)", null, 900, false),
                holder("Late.hold(Late.java:2)", null, 10, true));
        assertThat(Suspects.of(dump()).get(0).site()).isEqualTo("Late.hold(Late.java:2)");
        assertThat(Suspects.of(dump()).get(0).why()).startsWith("taken after eth0 began going away");
    }

    @Test
    void aSiteThatPutBackAlmostEverythingIsLessSuspectThanOneThatPutBackNothing() {
        object(1, "netdev", "eth0", true, holder("Decoy.hold(Decoy.java:1)", null, 900, false),
                holder("Leaker.hold(Leaker.java:2)", null, 10, false));
        sites.add(new SiteStats("Decoy.hold(Decoy.java:1)", "netdev", "hold", 1000, 999));
        sites.add(new SiteStats("Leaker.hold(Leaker.java:2)", "netdev", "hold", 3, 0));
        List<Suspect> suspects = Suspects.of(dump());
        assertThat(suspects.get(0).site()).isEqualTo("Leaker.hold(Leaker.java:2)");
        assertThat(suspects.get(0).evidence()).contains(Evidence.SITE_RARELY_RELEASES);
        assertThat(suspects.get(0).why()).contains("its call site put back 0 of 3 references it took");
    }

    @Test
    void oneSiteHoldingManyObjectsIsOneSignature() {
        for (long id = 1; id <= 14; id++) {
            object(id, "netdev", "dev" + id, true, holder("Churn$StatsCollector.sample(Churn.java:36)", null, id, false));
        }
        List<Suspect> suspects = Suspects.of(dump());
        assertThat(suspects).hasSize(1);
        assertThat(suspects.get(0).pinned()).hasSize(14);
        assertThat(new Finding.Holders(suspects.get(0)).headline()).startsWith("14 references keeping 14 netdev objects");
    }

    @Test
    void twoObjectsHoldingEachOtherAreACycleNotALoop() {
        object(1, "netdev", "dev", true, holder("Idev.init(Idev.java:1)", 2L, 10, false));
        object(2, "inet6_dev", "inet6_dev(dev)", false, holder("Dev.ip6Ptr(Dev.java:2)", 1L, 10, false));
        List<Suspect> suspects = Suspects.of(dump());
        assertThat(suspects).hasSize(1);
        assertThat(suspects.get(0).cycle()).isTrue();
        assertThat(suspects.get(0).why()).contains("closes a cycle");
    }

    @Test
    void memorySafetyProblemsLeadTheFindings() {
        object(1, "netdev", "eth0", true, holder("Leaker.hold(Leaker.java:2)", null, 10, false));
        problems.add(new Problem("use-after-free", 1, "eth0", "put after free", "Bad.put(Bad.java:3)", "main", 5,
                List.of(), List.of()));
        problems.add(new Problem("lingering-holders", 1, "eth0", "1 still held", "Leaker.hold(Leaker.java:2)", "main",
                5, List.of(), List.of()));
        Verdict verdict = Verdict.of(dump());
        assertThat(verdict.leaks()).isTrue();
        assertThat(verdict.findings()).extracting(Finding::site)
                .containsExactly("Bad.put(Bad.java:3)", "Leaker.hold(Leaker.java:2)");
    }

    @Test
    void aCleanDumpHasNoFindings() {
        object(1, "netdev", "eth0", false);
        Verdict verdict = Verdict.of(dump());
        assertThat(verdict.leaks()).isFalse();
        assertThat(verdict.top()).isNull();
    }
}
