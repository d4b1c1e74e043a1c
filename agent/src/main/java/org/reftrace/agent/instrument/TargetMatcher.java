package org.reftrace.agent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.reftrace.agent.profile.ProfileSet;
import org.reftrace.agent.profile.Target;

/**
 * Which profile target that takes or drops references, if any, a call instruction invokes: a static call by its
 * owner, an instance call by name and parameters on any subclass or implementation of the target's owner. Only
 * such calls are marked at their call site; every target is recorded by advice on the method itself.
 *
 * <p>Thread-safe.
 */
final class TargetMatcher {
    private final Map<String, List<Target>> byName = new HashMap<>();
    private final Set<String> owners = new HashSet<>();
    private final TypeHierarchy hierarchy = new TypeHierarchy();

    TargetMatcher(ProfileSet profiles) {
        for (Target t : profiles.targets()) {
            if (t.role().takesOrDrops()) {
                byName.computeIfAbsent(t.method(), m -> new ArrayList<>()).add(t);
                owners.add(t.owner());
            }
        }
    }

    /** The strings one of which a class's constant pool must contain to call a target. */
    Set<String> needles() {
        Set<String> needles = new HashSet<>(owners);
        needles.addAll(byName.keySet());
        return needles;
    }

    /** The target a call invokes, or {@code null}. */
    Target match(ClassLoader loader, int opcode, String owner, String name, String descriptor) {
        List<Target> candidates = byName.get(name);
        if (candidates == null) {
            return null;
        }
        for (Target t : candidates) {
            if (!t.matches(name, descriptor)) {
                continue;
            }
            // a constructor call (new, or a subclass's super(...)) is an invokespecial of <init> on the class made
            boolean kind = t.isConstructor() ? opcode == Opcodes.INVOKESPECIAL : opcode != Opcodes.INVOKESPECIAL
                    || !name.equals("<init>");
            if (kind && (opcode == Opcodes.INVOKESTATIC ? owner.equals(t.owner())
                    : hierarchy.isSubtype(loader, owner, t.owner()))) {
                return t;
            }
        }
        return null;
    }
}
