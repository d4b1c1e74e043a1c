package org.reftrace.agent.instrument;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;

/**
 * Whether a class is a subtype of another, answered from class files (read as resources, never loaded), so that
 * a transformer can match calls through subclasses and implementations while classes are still loading. Answers
 * are cached per class loader, which is held weakly.
 *
 * <p>Thread-safe.
 */
final class TypeHierarchy {
    private final Map<ClassLoader, Map<String, List<String>>> supertypes =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Whether {@code type} is {@code target} or extends or implements it (internal names). */
    boolean isSubtype(ClassLoader loader, String type, String target) {
        if (type.equals(target)) {
            return true;
        }
        Map<String, List<String>> cache = supertypes.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (!seen.add(next) || next.equals("java/lang/Object")) {
                continue;
            }
            for (String parent : cache.computeIfAbsent(next, n -> read(loader, n))) {
                if (parent.equals(target)) {
                    return true;
                }
                todo.push(parent);
            }
        }
        return false;
    }

    /** The direct supertypes of a class, or none when its class file cannot be found. */
    private static List<String> read(ClassLoader loader, String type) {
        String resource = type + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            ClassReader reader = new ClassReader(in);
            List<String> parents = new ArrayList<>();
            if (reader.getSuperName() != null) {
                parents.add(reader.getSuperName());
            }
            parents.addAll(List.of(reader.getInterfaces()));
            return parents;
        } catch (Exception e) {
            return List.of();
        }
    }
}
