package org.reftrace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Holder;
import org.reftrace.dump.LifecycleEvent;
import org.reftrace.dump.TrackedObject;

class HolderGroupsTest {

    @Test
    void holdersGroupByStackOrElseBySiteLargestFirstWithOwnersThreadsAgesAndLateOnes() {
        Holder a1 = new Holder("A.take(A.java:1)", "A@1", "A", "t1", 100, 50, "tracker", "s1", null, false, false);
        Holder a2 = new Holder("A.take(A.java:1)", "A@1", "A", "t2", 700, 9, "tracker", "s1", null, false, false);
        Holder a3 = new Holder("A.take(A.java:1)", "A@2", "A", "t1", 800, 5, "tracker", "s1", null, true, false);
        Holder b = new Holder("B.take(B.java:2)", null, "B", "t3", 100, 70, "owner", null, null, false, false);
        TrackedObject eth0 = new TrackedObject(3, "netdev", "eth0", "hung", 5, 0, true,
                List.of(new LifecycleEvent("alloc", 0, "main"), new LifecycleEvent("unregister", 750, "main")),
                List.of(b, a1, a2, a3), "netdev", null, null);
        Dump dump = TestDumps.dump(TestDumps.meta(1, "2026-12-01T10:00:00Z", 1000), List.of(eth0), List.of(), List.of(),
                Map.of("s1", List.of("A.take(A.java:1)", "Main.main(Main.java:3)")));
        List<HolderGroups.Group> groups = HolderGroups.of(dump, eth0);
        assertThat(groups).extracting(HolderGroups.Group::site, HolderGroups.Group::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A.take(A.java:1)", 3),
                        org.assertj.core.groups.Tuple.tuple("B.take(B.java:2)", 1));
        HolderGroups.Group a = groups.get(0);
        assertThat(a.owners()).containsExactly(new HolderGroups.Count("A@1", 2), new HolderGroups.Count("A@2", 1));
        assertThat(a.threads()).containsExactly("t1", "t2");
        assertThat(a.heldMinNanos()).isEqualTo(5);
        assertThat(a.heldMaxNanos()).isEqualTo(50);
        assertThat(a.frames()).startsWith("A.take(A.java:1)");
        // a3 is marked; nothing else was taken after the unregister at 750 but a3 (800)
        assertThat(a.late()).isEqualTo(1);
        assertThat(groups.get(1).owners()).containsExactly(new HolderGroups.Count("(static) B", 1));
        assertThat(groups.get(1).frames()).isEmpty();
        assertThat(HolderGroups.goingAwayAt(eth0)).isEqualTo(750);
    }
}
