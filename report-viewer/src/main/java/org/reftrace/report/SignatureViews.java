package org.reftrace.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reftrace.analysis.Evidence;
import org.reftrace.analysis.FleetSuspect;
import org.reftrace.analysis.Jvm;
import org.reftrace.analysis.StackTable;
import org.reftrace.analysis.Suspect;
import org.reftrace.dump.Holder;

/**
 * The ranked signatures as the page shows them, and which signatures keep which object, for the objects' cards
 * and the index.
 */
final class SignatureViews {
    final List<SignatureView> views = new ArrayList<>();
    /** Per JVM: object id to the ranks of the signatures keeping it. */
    private final List<Map<Long, List<Integer>>> ranksByObject = new ArrayList<>();
    /** Direct signatures by site, owner class and frames: a holder group's signature. */
    private final Map<String, Integer> direct = new HashMap<>();

    SignatureViews(List<FleetSuspect> fleet, List<Jvm> jvms, StackTable stacks) {
        for (int i = 0; i < jvms.size(); i++) {
            ranksByObject.add(new HashMap<>());
        }
        int rank = 0;
        for (FleetSuspect f : fleet) {
            rank++;
            Suspect s = f.suspect();
            List<SignatureView.ObjectRef> examples = new ArrayList<>();
            for (FleetSuspect.Pinned p : f.pinned()) {
                if (examples.size() < PageLimits.SIGNATURE_EXAMPLES) {
                    examples.add(new SignatureView.ObjectRef(jvms.get(p.jvm()).key(p.link().objectId()),
                            p.link().name(), p.jvm()));
                }
                List<Integer> ranks = ranksByObject.get(p.jvm()).computeIfAbsent(p.link().objectId(),
                        k -> new ArrayList<>(1));
                if (ranks.isEmpty() || ranks.get(ranks.size() - 1) != rank) {
                    ranks.add(rank);
                }
            }
            List<SignatureView.JvmCount> byJvm = new ArrayList<>();
            f.holdersByJvm().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> byJvm.add(new SignatureView.JvmCount(e.getKey(), e.getValue())));
            String pinnedKind = s.pinned().isEmpty() ? s.heldKind() : s.pinned().get(0).kind();
            views.add(new SignatureView(rank, s.site(), s.ownerClass(), s.exampleOwner(), s.exampleThread(),
                    s.heldKind(), pinnedKind, stacks.intern(s.stack()), s.stackRepresentative(), s.holders(),
                    s.pinned().size(), examples, s.oldestHeldNanos(), s.taken(), s.released(), evidence(s), s.why(),
                    s.chainText(), s.chainLength(), s.cycle(), byJvm));
            if (s.chainLength() == 1) {
                direct.putIfAbsent(directKey(s.site(), s.ownerClass(), s.stack()), rank);
            }
        }
    }

    private static List<String> evidence(Suspect s) {
        List<String> out = new ArrayList<>();
        for (Evidence e : Evidence.values()) {
            if (s.evidence().contains(e)) {
                out.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        return out;
    }

    private static String directKey(String site, String ownerClass, List<String> stack) {
        return site + "\u0000" + ownerClass + "\u0000" + String.join("\n", stack);
    }

    /** The ranks of the signatures keeping an object, best first; empty when none. */
    List<Integer> ranksOf(int jvm, long objectId) {
        return ranksByObject.get(jvm).getOrDefault(objectId, List.of());
    }

    /** The rank of the direct signature a holder belongs to, or 0. */
    int rankOf(Holder h, List<String> stack) {
        return direct.getOrDefault(directKey(h.site(), h.ownerClass(), stack), 0);
    }
}
