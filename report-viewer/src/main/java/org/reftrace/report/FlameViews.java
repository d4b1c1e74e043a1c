package org.reftrace.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.reftrace.analysis.Jvm;
import org.reftrace.analysis.StackTree;

/** The holder flame graph of every JVM's newest dump, flattened for the page ({@link FlameView}). */
final class FlameViews {
    private FlameViews() {}

    static FlameView of(List<Jvm> jvms) {
        StackTree tree = new StackTree();
        jvms.forEach(j -> tree.addAll(j.newest()));
        StackTree.Tree built = tree.build(PageLimits.FLAME_NODES);
        List<String> frames = new ArrayList<>();
        Map<String, Integer> frameIds = new HashMap<>();
        List<StackTree.Node> nodes = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        flatten(built.root(), -1, nodes, parents);
        int n = nodes.size();
        int[] frame = new int[n];
        int[] parent = new int[n];
        long[] count = new long[n];
        long[] lingering = new long[n];
        long[] age = new long[n];
        long[] lingeringAge = new long[n];
        for (int i = 0; i < n; i++) {
            StackTree.Node node = nodes.get(i);
            frame[i] = frameIds.computeIfAbsent(node.frame(), f -> {
                frames.add(f);
                return frames.size() - 1;
            });
            parent[i] = parents.get(i);
            count[i] = node.count();
            lingering[i] = node.lingering();
            age[i] = node.ageNanos() / 1_000_000;
            lingeringAge[i] = node.lingeringAgeNanos() / 1_000_000;
        }
        return new FlameView(frames, frame, parent, count, lingering, age, lingeringAge, built.pruned());
    }

    private static void flatten(StackTree.Node node, int parent, List<StackTree.Node> out, List<Integer> parents) {
        int self = out.size();
        out.add(node);
        parents.add(parent);
        for (StackTree.Node child : node.children()) {
            flatten(child, self, out, parents);
        }
    }
}
