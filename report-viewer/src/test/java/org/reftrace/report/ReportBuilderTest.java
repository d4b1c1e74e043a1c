package org.reftrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

    @Test
    void holdersWithOneStackBecomeOneGroup() {
        ReportData data = ReportBuilder.build("t", List.of(new ReportBuilder.Source("d.json",
                Dumps.hung("eth0", 3, "app.Cache.put(Cache.java:9)"))), Progress.SILENT);
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

    @Test
    void dumpsOfOneBugMergeObjectsByNameAndRemapTheirStacks() {
        ReportData data = ReportBuilder.build("t", List.of(
                new ReportBuilder.Source("run1.json", Dumps.hung("eth0", 2, "app.A.x(A.java:1)")),
                new ReportBuilder.Source("run2.json", Dumps.hung("eth0", 3, "app.B.y(B.java:2)"))), Progress.SILENT);
        assertThat(data.objects()).singleElement().satisfies(o -> {
            assertThat(o.holders()).isEqualTo(5);
            assertThat(o.source()).isEqualTo("run1.json, run2.json");
            assertThat(o.groups()).extracting(HolderGroup::count).containsExactly(3, 2);
            assertThat(o.groups()).extracting(HolderGroup::stack).doesNotHaveDuplicates();
        });
        assertThat(data.stacks()).hasSize(2);
        assertThat(data.problems()).hasSize(2);
        assertThat(data.pairings()).containsEntry("owner", 6L);
    }

    @Test
    void aHundredThousandHoldersStayAFewGroups() {
        ReportData data = ReportBuilder.build("t", List.of(new ReportBuilder.Source("big.json",
                Dumps.hung("eth0", 100_000, "app.Cache.put(Cache.java:9)"))), Progress.SILENT);
        assertThat(data.objects().get(0).groups()).hasSize(1);
        assertThat(HtmlRenderer.render(data).length()).isLessThan(60_000);
    }

    @Test
    void diffSaysWhichGroupsAreNewGoneGrownOrShrunk() {
        ReportData before = ReportBuilder.build("b", List.of(
                new ReportBuilder.Source("b.json", Dumps.hung("eth0", 2, "app.A.x(A.java:1)")),
                new ReportBuilder.Source("b2.json", Dumps.hung("eth1", 4, "app.C.z(C.java:3)"))), Progress.SILENT);
        ReportData after = ReportBuilder.build("a", List.of(
                new ReportBuilder.Source("a.json", Dumps.hung("eth0", 5, "app.A.x(A.java:1)")),
                new ReportBuilder.Source("a2.json", Dumps.hung("eth2", 1, "app.D.w(D.java:4)"))), Progress.SILENT);
        ReportData diff = DiffBuilder.diff(before, after);
        assertThat(diff.diff()).extracting(r -> r.status() + " " + r.object() + " " + r.before() + "->" + r.after())
                .containsExactly("new eth2 0->1", "grown eth0 2->5", "gone eth1 4->0");
        assertThat(diff.diff()).allSatisfy(r -> assertThat(diff.stacks()).containsKey(r.stack()));
    }
}
