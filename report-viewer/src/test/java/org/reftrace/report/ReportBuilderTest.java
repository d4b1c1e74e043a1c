package org.reftrace.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.report.DumpBuilder.held;
import static org.reftrace.report.DumpBuilder.holder;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reftrace.dump.Drop;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Origin;

class ReportBuilderTest {
    static final String SAMPLE = "org.reftrace.gallery.scenarios.Churn$StatsCollector.sample(Churn.java:36)";

    private static ReportData build(Dump... dumps) {
        List<ReportBuilder.Source> sources = new ArrayList<>();
        for (int i = 0; i < dumps.length; i++) {
            sources.add(new ReportBuilder.Source("d" + i + ".json", dumps[i]));
        }
        return ReportBuilder.build("t", sources, Progress.SILENT);
    }

    private static ObjectView object(ReportData data, String name) {
        return data.objects().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void holdersWithOneStackBecomeOneGroup() {
        ReportData data = build(Dumps.hung("eth0", 3, "app.Cache.put(Cache.java:9)"));
        assertThat(data.objects()).singleElement().satisfies(o -> {
            assertThat(o.holders()).isEqualTo(3);
            assertThat(o.groups()).singleElement().satisfies(g -> {
                assertThat(g.count()).isEqualTo(3);
                assertThat(g.site()).isEqualTo("app.Cache.put(Cache.java:9)");
                assertThat(g.owners()).hasSize(3);
                assertThat(g.heldMaxNanos()).isEqualTo(2_000_000_000L);
            });
            assertThat(o.waits()).singleElement().satisfies(w -> assertThat(w.outcome()).isEqualTo("gave-up"));
        });
        assertThat(data.verdict().objectsHeld()).isEqualTo(1);
        assertThat(data.verdict().lingeringHolders()).isEqualTo(3);
    }

    /** The renumbering bug: the page numbered objects 1, 2, ... while problems kept the dump's ids. */
    @Test
    void objectsKeepTheirDumpIdentitySoEveryHungDeviceKeepsWhatWasReportedWhenItsWaitWarned() {
        DumpBuilder dump = new DumpBuilder(4242);
        for (long id = 298; id < 298 + 14 * 20; id += 20) {
            dump.hung(id, "d" + id, "init_net", holder(SAMPLE, "Churn$StatsCollector@4195", null, 3_100_000_000L,
                    5_000_000_000L));
            dump.problem("lingering-holders", id, "d" + id, "1 reference still held while the wait warns (d" + id + ")",
                    SAMPLE, -1);
        }
        dump.object(1, "netdev", "lo", "init_net", "registered", false);
        ReportData data = build(dump.build());
        List<ObjectView> hung = data.objects().stream().filter(o -> o.state().equals("hung")).toList();
        assertThat(hung).hasSize(14).allSatisfy(o -> {
            assertThat(o.key()).isEqualTo("j0:" + o.id());
            assertThat(o.reports()).singleElement().satisfies(r -> {
                assertThat(r.type()).isEqualTo("lingering-holders");
                assertThat(r.message()).endsWith("(d" + o.id() + ")");
            });
            assertThat(o.waits()).singleElement().satisfies(w -> assertThat(w.objectId()).isEqualTo(o.id()));
        });
        assertThat(data.problems()).singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(14);
            assertThat(p.restatesHolders()).isTrue();
            assertThat(p.examples()).extracting(ProblemView.Example::key).allMatch(k -> k.startsWith("j0:"))
                    .doesNotHaveDuplicates().hasSize(14);
        });
    }

    @Test
    void twoLoopbacksInTwoNamespacesAreTwoObjectsEachWithItsOwnHoldersAndLife() {
        Dump dump = new DumpBuilder(1)
                .hung(10, "lo", "ns1", held("app.Ns.cache(Ns.java:5)", "NsCache@1", "app.NsCache", null, null, true, false))
                .object(11, "netdev", "lo", "init_net", "registered", false,
                        holder("app.Route.add(Route.java:9)", "Route@2", null, 1, 1))
                .problem("lingering-holders", 10, "lo", "1 reference still held while the wait warns; ns1's lo",
                        "app.Ns.cache(Ns.java:5)", -1)
                .build();
        ReportData data = build(dump);
        ObjectView ns1 = object(data, "lo (ns1)");
        ObjectView init = object(data, "lo (init_net)");
        assertThat(ns1.key()).isEqualTo("j0:10");
        assertThat(init.key()).isEqualTo("j0:11");
        assertThat(ns1.namespace()).isEqualTo("ns1");
        assertThat(ns1.groups()).singleElement().satisfies(g -> {
            assertThat(g.site()).isEqualTo("app.Ns.cache(Ns.java:5)");
            assertThat(g.late()).isEqualTo(1);
        });
        assertThat(init.groups()).singleElement().satisfies(g -> assertThat(g.site()).isEqualTo("app.Route.add(Route.java:9)"));
        assertThat(ns1.reports()).hasSize(1);
        assertThat(init.reports()).isEmpty();
        assertThat(ns1.lifecycle()).extracting(e -> e.event()).contains("unregister");
        assertThat(init.lifecycle()).extracting(e -> e.event()).containsExactly("alloc");
        assertThat(data.signatures()).singleElement().satisfies(s -> {
            assertThat(s.examples()).extracting(SignatureView.ObjectRef::key).containsExactly("j0:10");
            assertThat(s.evidence()).contains("taken-after-unregister");
        });
    }

    @Test
    void oneLeakingSiteAcrossFourteenDevicesIsOneSignatureOnTopOfThePage() {
        DumpBuilder dump = new DumpBuilder(7).site(SAMPLE, 560, 546).site("app.Route.add(Route.java:9)", 1000, 999);
        for (long id = 1; id <= 14; id++) {
            dump.hung(100 + id, "d0_" + id, "init_net", holder(SAMPLE, "Churn$StatsCollector@41", null, id, id * 1_000_000_000L));
        }
        dump.object(1, "netdev", "lo", "init_net", "registered", false, holder("app.Route.add(Route.java:9)", "Route@2", null, 1, 1));
        ReportData data = build(dump.build());
        assertThat(data.signatures()).singleElement().satisfies(s -> {
            assertThat(s.rank()).isEqualTo(1);
            assertThat(s.objects()).isEqualTo(14);
            assertThat(s.holders()).isEqualTo(14);
            assertThat(s.site()).isEqualTo(SAMPLE);
            assertThat(s.pinnedKind()).isEqualTo("netdev");
            assertThat(s.oldestHeldNanos()).isEqualTo(14_000_000_000L);
            assertThat(s.taken()).isEqualTo(560);
            assertThat(s.released()).isEqualTo(546);
        });
        assertThat(data.findings()).first().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("holders");
            assertThat(f.signature()).isEqualTo(1);
        });
        assertThat(data.verdict().top()).startsWith("14 references keeping 14 netdev objects, taken at " + SAMPLE);
        // every device's card points to the signature, and so does its holder group
        assertThat(data.objects()).filteredOn(o -> o.state().equals("hung")).hasSize(14).allSatisfy(o -> {
            assertThat(o.signatures()).containsExactly(1);
            assertThat(o.groups().get(0).signature()).isEqualTo(1);
        });
        // a registered device's holders are outstanding, not lingering
        assertThat(object(data, "lo (init_net)").signatures()).isEmpty();
    }

    @Test
    void healthSaysWhatFailedEachWithTheOptionToRaiseAndKeepsDesignedBudgetsApart() {
        Dump dump = new DumpBuilder(1).object(1, "netdev", "eth0", null, "registered", false)
                .health(2, List.of("org.example.Broken: VerifyError"), List.of("netdev: NetDevice.missing() not found"),
                        List.of(new Drop("holds not recorded (the cap was reached)", 5, "maxHolds=2000000"),
                                new Drop("problems not recorded (the cap was reached)", 3, "maxProblems=10000")),
                        List.of(new Drop("stacks not captured beyond the per-site budget", 8186, "stacks=16")), 8186)
                .build();
        ReportData data = build(dump);
        HealthView health = data.health().get(0);
        assertThat(health.failures()).extracting(HealthView.Issue::what, HealthView.Issue::count, HealthView.Issue::option)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hook failures: events the agent missed because its own code failed", 2L, null),
                        org.assertj.core.groups.Tuple.tuple("class not instrumented: org.example.Broken: VerifyError", 1L, null),
                        org.assertj.core.groups.Tuple.tuple("profile target missing (calls through it are not recorded): netdev: NetDevice.missing() not found", 1L, null),
                        org.assertj.core.groups.Tuple.tuple("holds not recorded (the cap was reached)", 5L, "maxHolds=2000000"),
                        org.assertj.core.groups.Tuple.tuple("problems not recorded (the cap was reached)", 3L, "maxProblems=10000"));
        assertThat(health.failureCount()).isEqualTo(12);
        assertThat(health.budgets()).singleElement().satisfies(b -> {
            assertThat(b.count()).isEqualTo(8186);
            assertThat(b.option()).isEqualTo("stacks=16");
        });
        assertThat(data.verdict().failures()).isEqualTo(12);
        assertThat(data.verdict().budgets()).isEqualTo(8186);
    }

    @Test
    void stacksSkippedByTheBudgetAreNeverAFailureEvenInDumpsThatOnlyCountThem() {
        Dump dump = new DumpBuilder(1).object(1, "netdev", "eth0", null, "registered", false)
                .health(0, List.of(), List.of(), List.of(), List.of(), 8186).build();
        ReportData data = build(dump);
        assertThat(data.verdict().failures()).isZero();
        assertThat(data.health().get(0).failures()).isEmpty();
        assertThat(data.health().get(0).budgets()).singleElement().satisfies(b -> {
            assertThat(b.count()).isEqualTo(8186);
            assertThat(b.option()).isEqualTo("stacks=16");
            assertThat(b.what()).contains("by design");
        });
    }

    @Test
    void twoThousandOneValueWaitsAreOneWaitDistributionPerKindWithThePerObjectDetailApart() {
        DumpBuilder dump = new DumpBuilder(1).object(1, "netdev", "lo", null, "registered", false);
        for (int i = 0; i < 2240; i++) {
            dump.histogram("wait-duration", "d" + i, i == 1234 ? 10_000_000_000L : 50_000L + i * 1_000L);
        }
        dump.histogram("hold-duration", SAMPLE, 2_400_000L);
        dump.histogram("hold-duration", "app.Route.add(Route.java:9)", 1_000, 2_000, 4_000, 8_000, 1_000_000);
        ReportData data = build(dump.build());
        assertThat(data.timings().waits()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("netdev");
            assertThat(w.count()).isEqualTo(2240);
            assertThat(w.sources()).isEqualTo(2240);
            assertThat(w.single()).isFalse();
            assertThat(w.buckets()).isNotEmpty();
        });
        assertThat(data.timings().waitObjects()).hasSize(PageLimits.WAIT_OBJECTS);
        assertThat(data.timings().waitObjects().get(0).name()).isEqualTo("d1234");
        assertThat(data.timings().waitObjectsTotal()).isEqualTo(2240);
        assertThat(data.timings().hold()).extracting(d -> d.key() + " " + d.count() + " " + d.single())
                .containsExactly("app.Route.add(Route.java:9) 5 false", SAMPLE + " 1 true");
        assertThat(data.summarised()).anySatisfy(s -> assertThat(s).contains("the 500 longest of 2,240"));
    }

    @Test
    void periodicDumpsOfOneRunShowItsCountsOverTimeAndTheHoldsPutBackBetweenThem() {
        String a = "app.A.take(A.java:1)";
        String b = "app.B.take(B.java:2)";
        Dump first = new DumpBuilder(9).at(2).hung(7, "eth0", null, holder(a, "A@1", null, 1_000, 1), holder(b, "B@1", null, 2_000, 1)).build();
        Dump second = new DumpBuilder(9).at(4).hung(7, "eth0", null, holder(a, "A@1", null, 1_000, 3)).build();
        Dump third = new DumpBuilder(9).at(6).hung(7, "eth0", null, holder(a, "A@1", null, 1_000, 5)).build();
        ReportData data = build(third, first, second);
        assertThat(data.jvms()).singleElement().satisfies(j -> {
            assertThat(j.dumps()).containsExactly("d1.json", "d2.json", "d0.json");
            assertThat(j.points()).extracting(JvmView.Point::holders).containsExactly(2L, 1L, 1L);
        });
        ObjectView eth0 = data.objects().get(0);
        assertThat(eth0.holders()).isEqualTo(1);
        assertThat(eth0.counts()).extracting(ObjectView.CountPoint::holders).containsExactly(2, 1, 1);
        assertThat(eth0.puts()).singleElement().satisfies(p -> {
            assertThat(p.site()).isEqualTo(b);
            assertThat(p.seenNanos()).isEqualTo(2_000_000_000L);
            assertThat(p.goneByNanos()).isEqualTo(4_000_000_000L);
        });
        // the newest dump's state only: its holders are not added up over the three
        assertThat(data.verdict().lingeringHolders()).isEqualTo(1);
    }

    @Test
    void twentyJvmsMergeBySignatureAndEachObjectSaysWhichJvmItCameFrom() {
        Dump[] dumps = new Dump[20];
        for (int i = 0; i < 20; i++) {
            dumps[i] = new DumpBuilder(1000 + i).hung(5, "eth0", null, holder(SAMPLE, "Stats@1", "s1", 1, 1_000_000L * i))
                    .stack("s1", SAMPLE, "app.Main.main(Main.java:1)").build();
        }
        ReportData data = build(dumps);
        assertThat(data.jvms()).hasSize(20);
        assertThat(data.jvms()).extracting(JvmView::label).doesNotHaveDuplicates().contains("1000@host-1 (org.example.Service)");
        assertThat(data.signatures()).singleElement().satisfies(s -> {
            assertThat(s.objects()).isEqualTo(20);
            assertThat(s.jvms()).hasSize(20);
            assertThat(s.examples()).extracting(SignatureView.ObjectRef::jvm).doesNotHaveDuplicates().hasSize(20);
        });
        assertThat(data.objects()).hasSize(20).extracting(ObjectView::key).doesNotHaveDuplicates();
        assertThat(data.objects()).extracting(ObjectView::jvm).doesNotHaveDuplicates();
        assertThat(data.stacks()).hasSize(1);
        assertThat(data.verdict().objectsHeld()).isEqualTo(20);
    }

    @Test
    void theFlameGraphMergesOutstandingReferencesByStackAcrossObjects() {
        Dump dump = new DumpBuilder(1)
                .stack("s1", "app.Cache.put(Cache.java:9)", "app.Worker.run(Worker.java:3)", "java.lang.Thread.run(Thread.java:840)")
                .stack("s2", "app.Route.add(Route.java:4)", "app.Worker.run(Worker.java:3)", "java.lang.Thread.run(Thread.java:840)")
                .hung(1, "eth0", null, holder("app.Cache.put(Cache.java:9)", "C@1", "s1", 1, 4_000_000))
                .hung(2, "eth1", null, holder("app.Cache.put(Cache.java:9)", "C@1", "s1", 1, 6_000_000))
                .object(3, "netdev", "lo", null, "registered", false, holder("app.Route.add(Route.java:4)", "R@1", "s2", 1, 1_000_000),
                        holder(SAMPLE, "S@1", null, 1, 1_000_000))
                .build();
        FlameView f = build(dump).flame();
        assertThat(f.count()[0]).isEqualTo(4);
        assertThat(f.lingering()[0]).isEqualTo(2);
        assertThat(f.ageMillis()[0]).isEqualTo(12);
        assertThat(f.frames().get(f.frame()[1])).isEqualTo("java.lang.Thread.run(Thread.java:840)");
        assertThat(f.count()[1]).isEqualTo(3);
        int cache = f.frames().indexOf("app.Cache.put(Cache.java:9)");
        int node = java.util.stream.IntStream.range(0, f.frame().length).filter(i -> f.frame()[i] == cache).findFirst().orElseThrow();
        assertThat(f.count()[node]).isEqualTo(2);
        assertThat(f.lingering()[node]).isEqualTo(2);
        assertThat(f.frames()).contains(org.reftrace.analysis.StackTree.NO_STACK, SAMPLE);
    }

    @Test
    void problemGroupsShowEachMessageAndStackOnceWithTheirOriginsAndCounts() {
        Dump dump = new DumpBuilder(1)
                .stack("o1", "app.Cache.get(Cache.java:3)", "app.Main.main(Main.java:1)")
                .object(4, "netdev", "eth0", null, "freed", true)
                .object(5, "netdev", "eth1", null, "freed", true)
                .group(0, "use-after-free", "app.Bad.put(Bad.java:3)", 40, 2)
                .problem("use-after-free", 4, "eth0", "put after free", "app.Bad.put(Bad.java:3)", 0,
                        new Origin(Origin.Role.TAKEN, "app.Cache.get(Cache.java:3)", "main", 10, "o1"),
                        new Origin(Origin.Role.FREED, "app.Dev.free(Dev.java:7)", "main", 20, null))
                .problem("use-after-free", 5, "eth1", "put after free", "app.Bad.put(Bad.java:3)", 0)
                .build();
        ReportData data = build(dump);
        assertThat(data.problems()).singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(40);
            assertThat(p.listed()).isEqualTo(2);
            assertThat(p.examples()).extracting(ProblemView.Example::key).containsExactly("j0:4", "j0:5");
            assertThat(p.examples()).extracting(ProblemView.Example::message).containsOnlyNulls();
            assertThat(p.origins()).extracting(ProblemView.OriginView::role).containsExactly("taken", "freed");
            assertThat(data.stacks().get(p.origins().get(0).stack())).startsWith("app.Cache.get(Cache.java:3)");
            assertThat(p.otherLabel()).isEqualTo("freed at");
        });
        assertThat(data.findings()).first().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("problems");
            assertThat(f.problem()).isZero();
            assertThat(f.count()).isEqualTo(40);
        });
        assertThat(object(data, "eth0").problemGroups()).containsExactly(0);
    }

    @Test
    void aChainIsFollowedToItsRootAcrossObjects() {
        Dump dump = new DumpBuilder(1)
                .hung(1, "lo", null, held("app.Dst.init(Dst.java:5)", "dst@1", "app.Dst", null, 2L, false, false))
                .object(2, "dst", "dst(lo)", null, "allocated", false,
                        held("app.Sock.setDst(Sock.java:9)", "sock@1", "app.Sock", null, 3L, false, false))
                .object(3, "sock", "sock@1f", null, "allocated", false,
                        held("app.Ip6.negativeAdvice(Ip6.java:44)", "Ip6@1", "app.Ip6", null, null, false, false))
                .build();
        ReportData data = build(dump);
        assertThat(data.signatures()).first().satisfies(s -> {
            assertThat(s.site()).isEqualTo("app.Ip6.negativeAdvice(Ip6.java:44)");
            assertThat(s.chainLength()).isEqualTo(3);
            assertThat(s.chain()).isEqualTo("lo \u2190 dst(lo) \u2190 sock@1f");
            assertThat(s.examples()).extracting(SignatureView.ObjectRef::name).containsExactly("lo");
        });
    }

    @Test
    void aPageOfManyObjectsDrawsTheInterestingOnesAndListsTheRestSearchably() {
        DumpBuilder dump = new DumpBuilder(1);
        for (long id = 1; id <= 5_000; id++) {
            dump.object(id, "ByteBuf", "buf" + id, null, id <= 300 ? "allocated" : "released", id <= 300,
                    id <= 300 ? new org.reftrace.dump.Holder[] {holder(SAMPLE, "H@1", null, id, id)} : new org.reftrace.dump.Holder[0]);
        }
        ReportData data = build(dump.build());
        assertThat(data.objects()).hasSize(PageLimits.FULL_OBJECTS).allSatisfy(o -> assertThat(o.holders()).isEqualTo(1));
        assertThat(data.index().total()).isEqualTo(5_000);
        assertThat(data.index().names()).hasSize(4_800).contains("buf4242", "buf250");
        assertThat(data.index().signature()[data.index().names().indexOf("buf250")]).isEqualTo(1);
        assertThat(data.summarised()).first().asString().startsWith("4,800 objects are listed, not drawn");
        assertThat(data.signatures().get(0).examples()).hasSize(PageLimits.SIGNATURE_EXAMPLES);
    }

    @Test
    void diffSaysWhichGroupsAreNewGoneGrownOrShrunk() {
        ReportData before = ReportBuilder.build("b", List.of(
                new ReportBuilder.Source("b.json", Dumps.hung("eth0", 2, "app.A.x(A.java:1)")),
                new ReportBuilder.Source("b2.json", Dumps.hung(8, "eth1", 4, "app.C.z(C.java:3)"))), Progress.SILENT);
        ReportData after = ReportBuilder.build("a", List.of(
                new ReportBuilder.Source("a.json", Dumps.hung("eth0", 5, "app.A.x(A.java:1)")),
                new ReportBuilder.Source("a2.json", Dumps.hung(8, "eth2", 1, "app.D.w(D.java:4)"))), Progress.SILENT);
        ReportData diff = DiffBuilder.diff(before, after);
        assertThat(diff.diff()).extracting(r -> r.status() + " " + r.object() + " " + r.before() + "->" + r.after())
                .containsExactly("new eth2 0->1", "grown eth0 2->5", "gone eth1 4->0");
        assertThat(diff.diff()).allSatisfy(r -> assertThat(diff.stacks()).containsKey(r.stack()));
    }
}
