package org.reftrace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackTreeTest {

    @Test
    void stacksMergeFromTheOutermostFrameAndCountAgeAndLingering() {
        StackTree tree = new StackTree();
        tree.add(List.of("a.Cache.put(Cache.java:1)", "a.Main.run(Main.java:2)", "a.Main.main(Main.java:3)"),
                "a.Cache.put(Cache.java:1)", true, 10);
        tree.add(List.of("a.Route.add(Route.java:9)", "a.Main.run(Main.java:2)", "a.Main.main(Main.java:3)"),
                "a.Route.add(Route.java:9)", false, 5);
        tree.add(List.of(), "a.Stats.sample(Stats.java:36)", true, 7);
        StackTree.Tree built = tree.build(100);
        StackTree.Node root = built.root();
        assertThat(root.count()).isEqualTo(3);
        assertThat(root.lingering()).isEqualTo(2);
        assertThat(root.ageNanos()).isEqualTo(22);
        assertThat(root.lingeringAgeNanos()).isEqualTo(17);
        StackTree.Node main = root.children().get(0);
        assertThat(main.frame()).isEqualTo("a.Main.main(Main.java:3)");
        assertThat(main.count()).isEqualTo(2);
        assertThat(main.children()).singleElement().satisfies(run ->
                assertThat(run.children()).extracting(StackTree.Node::frame)
                        .containsExactlyInAnyOrder("a.Cache.put(Cache.java:1)", "a.Route.add(Route.java:9)"));
        assertThat(root.children().get(1).frame()).isEqualTo(StackTree.NO_STACK);
        assertThat(root.children().get(1).children()).extracting(StackTree.Node::frame)
                .containsExactly("a.Stats.sample(Stats.java:36)");
        assertThat(built.nodes()).isEqualTo(7);
        assertThat(built.pruned()).isZero();
    }

    @Test
    void aTreeLargerThanAskedKeepsTheHeaviestNodesAndSaysHowManyWerePruned() {
        StackTree tree = new StackTree();
        for (int i = 0; i < 500; i++) {
            tree.add(List.of("leaf" + i + "()", "a.Main.main(Main.java:3)"), "leaf" + i + "()", true, 1);
        }
        for (int i = 0; i < 50; i++) {
            tree.add(List.of("hot()", "a.Main.main(Main.java:3)"), "hot()", true, 1);
        }
        StackTree.Tree built = tree.build(10);
        assertThat(built.nodes()).isEqualTo(10);
        assertThat(built.pruned()).isEqualTo(493);
        StackTree.Node main = built.root().children().get(0);
        assertThat(main.count()).isEqualTo(550);
        assertThat(main.children().get(0).frame()).isEqualTo("hot()");
        assertThat(main.children()).hasSize(8);
    }

    @Test
    void theStackTableInternsEqualStacksOnce() {
        StackTable table = new StackTable("s");
        String a = table.intern(List.of("x()", "y()"));
        assertThat(table.intern(new java.util.ArrayList<>(List.of("x()", "y()")))).isEqualTo(a).isEqualTo("s1");
        assertThat(table.intern(List.of("z()"))).isEqualTo("s2");
        assertThat(table.intern(List.of())).isNull();
        assertThat(table.frames("s2")).containsExactly("z()");
        assertThat(table.asMap()).containsOnlyKeys("s1", "s2");
    }
}
