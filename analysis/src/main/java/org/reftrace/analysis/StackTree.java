package org.reftrace.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Holder;
import org.reftrace.dump.TrackedObject;

/**
 * The outstanding references of one or many dumps as one tree of stacks, outermost frame at the top, merged
 * across objects: what a holder flame graph (an icicle) draws. Each node counts the references whose stack
 * passes through it, how many of those are lingering (on objects that should be free), and their summed age.
 * A hold without a captured stack hangs under {@value #NO_STACK} by its call site.
 *
 * <p>Implementation notes. Nodes are built mutable, children by frame in a hash map, then frozen into records;
 * a tree larger than asked is pruned by weight: the heaviest nodes are kept (a node is never lighter than its
 * children, so ancestors of kept nodes are kept), and the weight of what was pruned stays in its parent, which
 * then shows it as its own.
 */
public final class StackTree {
    /** The synthetic frame above holds whose stack was not captured. */
    public static final String NO_STACK = "[stack not captured]";

    /**
     * A frame and the references through it.
     *
     * @param frame           the frame ({@code StackTraceElement} string); {@code all} for the root
     * @param count           references whose stack passes here
     * @param lingering       of those, the ones on objects that should be free
     * @param ageNanos        their ages added up
     * @param lingeringAgeNanos the lingering ones' ages added up
     * @param children        callees, heaviest first
     */
    public record Node(String frame, long count, long lingering, long ageNanos, long lingeringAgeNanos,
            List<Node> children) {

        public Node {
            children = List.copyOf(children);
        }
    }

    /**
     * A built tree.
     *
     * @param root   the root, whose count is every reference added
     * @param nodes  nodes kept, the root included
     * @param pruned nodes left out to keep the tree within its size; their weight stays in their parents
     */
    public record Tree(Node root, int nodes, int pruned) {}

    private static final class Building {
        final String frame;
        final int depth;
        long count;
        long lingering;
        long age;
        long lingeringAge;
        final Map<String, Building> children = new HashMap<>(4);

        Building(String frame, int depth) {
            this.frame = frame;
            this.depth = depth;
        }
    }

    private final Building root = new Building("all", 0);
    private int size = 1;

    /**
     * Adds one reference.
     *
     * @param stack     its frames, innermost first, or empty when not captured
     * @param site      its call site, used when there is no stack (and added below the stack when the stack does not
     *                  start with it)
     * @param lingering whether it is on an object that should be free
     * @param ageNanos  how long it had been held
     */
    public void add(List<String> stack, String site, boolean lingering, long ageNanos) {
        add(root, lingering, ageNanos);
        Building at = root;
        if (stack == null || stack.isEmpty()) {
            at = child(at, NO_STACK);
            add(at, lingering, ageNanos);
            add(child(at, site == null ? "(unknown site)" : site), lingering, ageNanos);
            return;
        }
        for (int i = stack.size() - 1; i >= 0; i--) {
            at = child(at, stack.get(i));
            add(at, lingering, ageNanos);
        }
        if (site != null && !site.equals(stack.get(0))) {
            add(child(at, site), lingering, ageNanos);
        }
    }

    /** Adds every outstanding holder of a dump. */
    public void addAll(Dump dump) {
        for (TrackedObject o : dump.objects()) {
            for (Holder h : o.holders()) {
                List<String> stack = h.stack() == null ? List.of() : dump.stacks().getOrDefault(h.stack(), List.of());
                add(stack, h.site(), o.shouldBeFree(), h.heldNanos());
            }
        }
    }

    private Building child(Building parent, String frame) {
        Building c = parent.children.get(frame);
        if (c == null) {
            c = new Building(frame, parent.depth + 1);
            parent.children.put(frame, c);
            size++;
        }
        return c;
    }

    private static void add(Building b, boolean lingering, long age) {
        b.count++;
        b.age += age;
        if (lingering) {
            b.lingering++;
            b.lingeringAge += age;
        }
    }

    /** The tree, with at most {@code maxNodes} nodes (the heaviest). */
    public Tree build(int maxNodes) {
        Set<Building> keep = null;
        if (size > maxNodes) {
            List<Building> all = new ArrayList<>(size);
            collect(root, all);
            all.sort(Comparator.comparingLong((Building b) -> -b.count).thenComparingInt(b -> b.depth));
            keep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            keep.addAll(all.subList(0, Math.max(1, maxNodes)));
        }
        int[] kept = {0};
        Node frozen = freeze(root, keep, kept);
        return new Tree(frozen, kept[0], size - kept[0]);
    }

    private static void collect(Building b, List<Building> out) {
        out.add(b);
        for (Building c : b.children.values()) {
            collect(c, out);
        }
    }

    private static Node freeze(Building b, Set<Building> keep, int[] kept) {
        kept[0]++;
        List<Node> children = new ArrayList<>();
        for (Building c : b.children.values()) {
            if (keep == null || keep.contains(c)) {
                children.add(freeze(c, keep, kept));
            }
        }
        children.sort(Comparator.comparingLong((Node n) -> -n.count()).thenComparing(Node::frame));
        return new Node(b.frame, b.count, b.lingering, b.age, b.lingeringAge, children);
    }
}
