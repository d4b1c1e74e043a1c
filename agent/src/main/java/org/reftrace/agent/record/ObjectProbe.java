package org.reftrace.agent.record;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import org.reftrace.agent.profile.Profile;

/**
 * Reads a tracked object through the profile's accessor methods (name, count, state), found by name on the
 * object's class and cached per class. Any failure reads as "unknown" ({@code null}): a probe never throws.
 *
 * <p>Thread-safe.
 */
final class ObjectProbe {
    private record Accessors(MethodHandle name, MethodHandle count, MethodHandle state) {}

    private final Profile profile;
    private final ClassValue<Accessors> accessors = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return new Accessors(find(type, profile.nameMethod()), find(type, profile.countMethod()),
                    find(type, profile.stateMethod()));
        }
    };

    ObjectProbe(Profile profile) {
        this.profile = profile;
    }

    private static MethodHandle find(Class<?> type, String method) {
        if (method == null) {
            return null;
        }
        try {
            Method m = type.getMethod(method);
            return MethodHandles.publicLookup().unreflect(m);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    String name(Object object) {
        Object value = call(object, accessors.get(object.getClass()).name());
        return value == null ? null : value.toString();
    }

    Integer count(Object object) {
        Object value = call(object, accessors.get(object.getClass()).count());
        return value instanceof Number n ? n.intValue() : null;
    }

    String state(Object object) {
        Object value = call(object, accessors.get(object.getClass()).state());
        return value == null ? null : value.toString();
    }

    private static Object call(Object object, MethodHandle handle) {
        if (handle == null || object == null) {
            return null;
        }
        try {
            return handle.invoke(object);
        } catch (Throwable t) {
            return null;
        }
    }
}
