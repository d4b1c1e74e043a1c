package org.reftrace.agent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.profile.Role;
import org.reftrace.agent.profile.Target;

/**
 * Which profile target, if any, a call instruction invokes: exactly by owner, name and descriptor, or, for
 * targets that match subtypes, by name and parameters on any subclass or implementation of the target's owner.
 *
 * <p>Thread-safe.
 */
final class TargetMatcher {
    private final Map<String, Target> exact = new HashMap<>();
    private final Map<String, List<Target>> byName = new HashMap<>();
    private final Set<String> owners = new HashSet<>();
    private final TypeHierarchy hierarchy = new TypeHierarchy();
    /** The tracked library's own package (internal form), or {@code null}. */
    private final String implementation;

    TargetMatcher(Profile profile) {
        this.implementation = profile.apiPackage() == null ? null : profile.apiPackage().replace('.', '/');
        for (Target t : profile.callSiteTargets()) {
            if (t.subtypes()) {
                byName.computeIfAbsent(t.method(), m -> new ArrayList<>()).add(t);
            } else {
                exact.put(t.owner() + "." + t.method() + t.descriptor(), t);
            }
            owners.add(t.owner());
        }
    }

    /** The strings one of which a class's constant pool must contain to call a target. */
    Set<String> needles() {
        Set<String> needles = new HashSet<>(owners);
        needles.addAll(byName.keySet());
        return needles;
    }

    /** Owners whose own methods must exist (exact targets only). */
    Set<String> exactOwners() {
        Set<String> result = new HashSet<>();
        exact.values().forEach(t -> result.add(t.owner()));
        return result;
    }

    Map<String, Target> exactTargets() {
        return exact;
    }

    /**
     * The target a call invokes, or {@code null}. An allocation called from inside the tracked library's own
     * package ({@code implementation} in a profile file) is part of an allocation already counted at its
     * caller's call site, and does not match.
     */
    Target match(ClassLoader loader, String caller, int opcode, String owner, String name, String descriptor) {
        Target target = exact.get(owner + "." + name + descriptor);
        if (target != null) {
            return opcode == Opcodes.INVOKESTATIC ? target : null;
        }
        List<Target> candidates = byName.get(name);
        if (candidates == null) {
            return null;
        }
        String parameters = descriptor.substring(0, descriptor.indexOf(')') + 1);
        for (Target t : candidates) {
            if (!t.anyParameters() && !t.parameters().equals(parameters)) {
                continue;
            }
            boolean instance = opcode != Opcodes.INVOKESTATIC;
            if (instance && (t.role() == Role.HOLD || t.role() == Role.PUT) && !parameters.equals("()")) {
                continue; // the receiver is not on top of the stack: not recordable at the call site
            }
            if (t.role() == Role.LOOKUP && implementation != null && caller.startsWith(implementation)) {
                continue;
            }
            if (hierarchy.isSubtype(loader, owner, t.owner())) {
                return t;
            }
        }
        return null;
    }
}
