package org.reftrace.report;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.reftrace.dump.Dump;
import org.reftrace.dump.TrackedObject;
import org.reftrace.dump.Wait;

/**
 * Which kind an object named in a histogram's key is, and which object it is when the name is unique: per-object
 * histograms are keyed by name, which two {@code lo}s in two namespaces share.
 */
final class ObjectKinds {
    private final Map<String, String> kinds = new HashMap<>();
    private final Map<String, Long> ids = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();
    private final String fallback;

    ObjectKinds(Dump dump) {
        Set<String> all = new HashSet<>();
        for (TrackedObject o : dump.objects()) {
            kinds.putIfAbsent(o.name(), o.kind());
            all.add(o.kind());
            if (ids.putIfAbsent(o.name(), o.id()) != null) {
                ambiguous.add(o.name());
            }
        }
        for (Wait w : dump.waits()) {
            if (w.kind() != null) {
                kinds.putIfAbsent(w.object(), w.kind());
            }
        }
        // objects not listed in the dump (freed, nothing to say) are of the one kind the dump has, if it has one
        fallback = all.size() == 1 ? all.iterator().next()
                : all.isEmpty() && dump.meta().profiles().size() == 1 ? dump.meta().profiles().get(0) : "(kind unknown)";
    }

    String kindOf(String name) {
        return kinds.getOrDefault(name, fallback);
    }

    /** The id of the one object with this name, or {@code null} when none or several have it. */
    Long idOf(String name) {
        return ambiguous.contains(name) ? null : ids.get(name);
    }
}
