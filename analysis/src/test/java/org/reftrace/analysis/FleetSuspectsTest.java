package org.reftrace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reftrace.dump.Dump;

class FleetSuspectsTest {
    static final String SITE = "app.Stats.sample(Stats.java:36)";

    private static DumpSource jvm(int pid, int leaked) {
        List<org.reftrace.dump.TrackedObject> objects = new ArrayList<>();
        for (int i = 0; i < leaked; i++) {
            objects.add(TestDumps.leaked(100 + i, "dev" + i, TestDumps.holder(SITE, "s1", 1_000_000L * (i + pid))));
        }
        Dump dump = TestDumps.dump(TestDumps.meta(pid, "2026-12-01T10:00:00Z", 5_000_000_000L), objects, List.of(),
                List.of(), Map.of("s1", List.of(SITE, "app.Main.main(Main.java:3)")));
        return new DumpSource("jvm" + pid + ".json", dump);
    }

    @Test
    void oneLeakingSiteInTwentyJvmsIsOneSignatureSayingWhichJvmEachObjectCameFrom() {
        List<DumpSource> sources = new ArrayList<>();
        for (int pid = 1; pid <= 20; pid++) {
            sources.add(jvm(pid, 3));
        }
        List<Jvm> jvms = Jvms.of(sources);
        assertThat(jvms).hasSize(20);
        List<FleetSuspect> fleet = FleetSuspects.of(jvms);
        assertThat(fleet).singleElement().satisfies(f -> {
            assertThat(f.suspect().holders()).isEqualTo(60);
            assertThat(f.suspect().pinned()).hasSize(60);
            assertThat(f.holdersByJvm()).hasSize(20).containsEntry(0, 3).containsEntry(19, 3);
            assertThat(f.pinned()).extracting(FleetSuspect.Pinned::jvm).containsOnly(
                    java.util.stream.IntStream.range(0, 20).boxed().toArray(Integer[]::new));
            assertThat(f.suspect().oldestHeldNanos()).isEqualTo(22_000_000L);
        });
        Verdict verdict = Verdict.of(jvms.stream().map(Jvm::newest).toList(), FleetSuspects.suspects(fleet));
        assertThat(verdict.objectsHeld()).isEqualTo(60);
        assertThat(verdict.top().headline()).startsWith("60 references keeping 60 netdev objects, taken at " + SITE);
    }

    @Test
    void periodicDumpsOfOneRunAreOneJvmAndTheNewestCounts() {
        Dump early = TestDumps.dump(TestDumps.meta(7, "2026-12-01T10:00:01Z", 1_000_000_000L),
                List.of(TestDumps.leaked(5, "eth0", TestDumps.holder(SITE, null, 1))), List.of(), List.of(), Map.of());
        Dump late = TestDumps.dump(TestDumps.meta(7, "2026-12-01T10:00:04Z", 4_000_000_000L),
                List.of(TestDumps.leaked(5, "eth0", TestDumps.holder(SITE, null, 1), TestDumps.holder(SITE, null, 2))),
                List.of(), List.of(), Map.of());
        // the same pid later again, but started anew: another run
        Dump restarted = TestDumps.dump(TestDumps.meta(7, "2026-12-01T11:00:00Z", 1_000_000_000L),
                List.of(TestDumps.leaked(5, "eth0", TestDumps.holder(SITE, null, 1))), List.of(), List.of(), Map.of());
        List<Jvm> jvms = Jvms.of(List.of(new DumpSource("late.json", late), new DumpSource("early.json", early),
                new DumpSource("restarted.json", restarted)));
        assertThat(jvms).hasSize(2);
        assertThat(jvms.get(0).dumps()).extracting(DumpSource::name).containsExactly("early.json", "late.json");
        assertThat(jvms.get(0).newest()).isSameAs(late);
        assertThat(jvms.get(0).label()).isEqualTo("7@host1 (app.Main)");
        assertThat(jvms.get(1).label()).isEqualTo("7@host1 (app.Main) #2");
        assertThat(jvms.get(0).key(5)).isEqualTo("j0:5");
        assertThat(FleetSuspects.of(jvms)).singleElement()
                .satisfies(f -> assertThat(f.holdersByJvm()).containsExactly(Map.entry(0, 2), Map.entry(1, 1)));
    }
}
