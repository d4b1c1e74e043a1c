package org.reftrace.gallery;

import java.util.EnumSet;
import java.util.Set;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelMessage;

/** Reads a finished run's outcomes from the kernel's own state: its log, its hangs and its kmemleak. */
final class OutcomeClassifier {
    private OutcomeClassifier() {}

    static Set<Outcome> classify(Kernel kernel) {
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (KernelMessage m : kernel.log().messages()) {
            String text = m.text();
            switch (m.kind()) {
                case MEMORY -> {
                    if (text.contains("double-free")) {
                        outcomes.add(Outcome.DOUBLE_FREE);
                    } else if (text.startsWith("refcount_t: underflow") || text.startsWith("refcount_t: decrement hit 0")) {
                        outcomes.add(Outcome.REFCOUNT_UNDERFLOW);
                    } else if (text.contains("use-after-free") || text.contains("NULL pointer dereference")) {
                        outcomes.add(Outcome.USE_AFTER_FREE);
                    } else if (text.contains("reference already released")) {
                        outcomes.add(Outcome.REFERENCE_ALREADY_RELEASED);
                    }
                }
                case BUG -> outcomes.add(text.contains("double free") ? Outcome.DOUBLE_FREE : Outcome.KERNEL_BUG);
                default -> { }
            }
        }
        if (!kernel.hangs().isEmpty()) {
            outcomes.add(Outcome.HANG);
        }
        if (!kernel.kmemleak().isEmpty()) {
            outcomes.add(Outcome.MEMORY_LEAK);
        }
        if (outcomes.isEmpty()) {
            outcomes.add(Outcome.CLEAN);
        }
        return outcomes;
    }
}
