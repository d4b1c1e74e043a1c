package org.reftrace.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The one ranking of suspects, used by the agent's console, the page, test mode and {@code --fail-on-leak}:
 * references taken after their object began going away first, then the roots of chains, then references closing a
 * cycle of objects that hold each other (a cycle found while a wait goes on is never undone), then late references
 * taken by objects that are themselves held (links of a chain), then call sites that
 * rarely put back what they take (a site that put back 999 of 1 000 is less suspect than one that put back
 * none), then age. Each suspect can say why it ranks where it does ({@link #reasons}).
 */
public final class Ranking {
    private Ranking() {}

    /** Most suspect first. */
    public static final Comparator<Suspect> ORDER = Comparator
            .comparing((Suspect s) -> !s.evidence().contains(Evidence.TAKEN_AFTER_UNREGISTER))
            .thenComparing(s -> !s.evidence().contains(Evidence.CHAIN_ROOT))
            .thenComparing(s -> !s.cycle())
            .thenComparing(s -> !s.evidence().contains(Evidence.TAKEN_AFTER_UNREGISTER_BY_HELD_OBJECT))
            .thenComparingDouble(Ranking::releasedFraction)
            .thenComparing(Comparator.comparingLong(Suspect::oldestHeldNanos).reversed())
            .thenComparing(Comparator.comparingInt(Suspect::holders).reversed())
            .thenComparing(Suspect::site, Comparator.nullsLast(Comparator.naturalOrder()));

    /** The fraction of its site's references that were put back; unknown counts as one half (neither way). */
    static double releasedFraction(Suspect s) {
        return s.taken() <= 0 ? 0.5 : Math.min(1.0, (double) s.released() / s.taken());
    }

    /** The reasons, strongest first, joined by "; ". */
    static String reasons(Suspect s) {
        List<String> out = new ArrayList<>();
        if (s.evidence().contains(Evidence.TAKEN_AFTER_UNREGISTER)) {
            out.add("taken after " + s.chain().get(s.chain().size() - 1).name() + " began going away");
        }
        if (s.evidence().contains(Evidence.CHAIN_ROOT)) {
            out.add("root of a chain of " + s.chainLength() + ": " + s.chainText());
        }
        if (s.evidence().contains(Evidence.TAKEN_AFTER_UNREGISTER_BY_HELD_OBJECT)) {
            out.add("taken after " + s.chain().get(s.chain().size() - 1).name() + " began going away, by "
                    + s.exampleOwner() + ", itself held: the root of its chain comes first");
        }
        if (s.cycle()) {
            out.add("closes a cycle: " + s.chainText() + " hold each other");
        }
        if (s.taken() > 0) {
            out.add("its call site put back " + s.released() + " of " + s.taken() + " reference"
                    + (s.taken() == 1 ? "" : "s") + " it took");
        }
        out.add("held for " + seconds(s.oldestHeldNanos()));
        return String.join("; ", out);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
