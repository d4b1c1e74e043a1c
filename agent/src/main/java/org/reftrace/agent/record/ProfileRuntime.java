package org.reftrace.agent.record;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.reftrace.agent.profile.Profile;

/**
 * One profile in force, as the recorder uses it: which classes it tracks (by name, so no class is loaded to ask),
 * which are views of another object's count, and its accessors (name, count, state, namespace), found by name on
 * each class and cached per class. A read never throws: any failure reads as unknown ({@code null}).
 *
 * <p>Thread-safe.
 */
public final class ProfileRuntime {
    private record Accessors(MethodHandle name, MethodHandle count, MethodHandle state, MethodHandle namespace,
            MethodHandle view) {}

    /**
     * What the profile says of one class, found in one look-up (every event asks it of its object): whether it is
     * ignored, whether it is tracked, and whether it is a view of another object's count. {@code viewType} is
     * decided by name; the accessor itself is found lazily, with the other accessors.
     */
    private record ClassFacts(boolean ignored, boolean tracked, boolean viewType) {}

    private final Profile profile;
    private final int index;
    private final ClassValue<ClassFacts> facts = new ClassValue<>() {
        @Override
        protected ClassFacts computeValue(Class<?> type) {
            boolean ignored = profile.ignoredTypes().stream().anyMatch(name -> isSubtypeByName(type, name));
            boolean tracked = !ignored && isSubtypeByName(type, profile.typeName());
            boolean viewType = !ignored && profile.views().stream().anyMatch(v -> isSubtypeByName(type, v.type()));
            return new ClassFacts(ignored, tracked, viewType);
        }
    };
    private final ClassValue<Accessors> accessors = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            MethodHandle view = null;
            for (Profile.View v : profile.views()) {
                if (isSubtypeByName(type, v.type())) {
                    view = find(type, v.accessor());
                    break;
                }
            }
            return new Accessors(find(type, profile.nameMethod()), find(type, profile.countMethod()),
                    find(type, profile.stateMethod()), find(type, profile.namespaceMethod()), view);
        }
    };

    /**
     * Classes seen to be tracked as they are (no view, not ignored), held weakly so as not to keep their loaders:
     * nearly every event's object is of one of a few such classes, and comparing with them costs less than the
     * {@code ClassValue}'s look-up. It only grows, up to {@link #PLAIN_CLASSES}, so that threads never take turns
     * rewriting it; a class beyond them is looked up as before.
     */
    @SuppressWarnings("unchecked")
    private volatile WeakReference<Class<?>>[] plainlyTracked = new WeakReference[0];
    private static final int PLAIN_CLASSES = 8;

    private final boolean lifeEndsAtLastPut;
    private final boolean freedByLastPut;

    public ProfileRuntime(Profile profile, int index) {
        this.profile = profile;
        this.index = index;
        this.lifeEndsAtLastPut = !profile.hasLifecycle() && !profile.freesExplicitly();
        this.freedByLastPut = profile.countMethod() != null && lifeEndsAtLastPut;
    }

    /**
     * Whether an object's life ends with its last recorded put (it has neither a lifecycle nor a call that frees),
     * so that an object with nothing outstanding can be forgotten then. Decided once: it is asked on every put.
     */
    public boolean lifeEndsAtLastPut() {
        return lifeEndsAtLastPut;
    }

    /**
     * Whether the put that takes the count down to what an object owns itself frees it (Netty's {@code release()}):
     * it has a count, and neither a lifecycle nor a call that frees. Decided once: it is asked on every put.
     */
    public boolean freedByLastPut() {
        return freedByLastPut;
    }

    public Profile profile() {
        return profile;
    }

    public int index() {
        return index;
    }

    public String kind() {
        return profile.kind();
    }

    /** Whether objects of this class are tracked by this profile (of its type, and not ignored). */
    public boolean tracks(Class<?> type) {
        return facts.get(type).tracked();
    }

    /** Whether objects of this class are never tracked (never released by design), views of them included. */
    public boolean ignores(Class<?> type) {
        return facts.get(type).ignored();
    }

    /**
     * The tracked object a call on {@code value} is about: {@code value} itself when this profile tracks its
     * class, what it views ({@link #underlying}) when it is a view, else {@code null}. One class look-up for an
     * object that is no view: asked on every event.
     */
    public Object trackedObject(Object value) {
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        for (WeakReference<Class<?>> known : plainlyTracked) {
            if (known.refersTo(type)) {
                return value;
            }
        }
        ClassFacts f = facts.get(type);
        if (f.ignored()) {
            return null;
        }
        if (!f.viewType()) {
            if (f.tracked() && plainlyTracked.length < PLAIN_CLASSES) {
                rememberPlainlyTracked(type);
            }
            return f.tracked() ? value : null;
        }
        Object o = underlying(value);
        return o != null && tracks(o.getClass()) ? o : null;
    }

    @SuppressWarnings("unchecked")
    private synchronized void rememberPlainlyTracked(Class<?> type) {
        WeakReference<Class<?>>[] known = plainlyTracked;
        if (known.length >= PLAIN_CLASSES || Arrays.stream(known).anyMatch(k -> k.refersTo(type))) {
            return;
        }
        WeakReference<Class<?>>[] more = Arrays.copyOf(known, known.length + 1);
        more[known.length] = new WeakReference<>(type);
        plainlyTracked = more;
    }

    /**
     * The object a reference on {@code object} is really on: itself, or for a view (a holder of its content, a
     * derived buffer of its parent) what the view's accessor returns, followed through views of views; {@code null}
     * when it is (or leads to) an object of an ignored class, checked before the view is followed (an unreleasable
     * wrapper never reaches what it wraps). Calls host code (the accessor): only on the thread that is calling the
     * tracked method anyway.
     */
    public Object underlying(Object object) {
        Object current = object;
        for (int hops = 0; current != null && hops < 8; hops++) {
            ClassFacts f = facts.get(current.getClass());
            if (f.ignored()) {
                return null;
            }
            MethodHandle view = f.viewType() ? accessors.get(current.getClass()).view() : null;
            if (view == null) {
                return current;
            }
            Object next = call(current, view);
            if (next == null || next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    public String name(Object object) {
        Object value = call(object, accessors.get(object.getClass()).name());
        return value == null ? null : value.toString();
    }

    public Integer count(Object object) {
        Object value = call(object, accessors.get(object.getClass()).count());
        return value instanceof Number n ? n.intValue() : null;
    }

    public String state(Object object) {
        Object value = call(object, accessors.get(object.getClass()).state());
        return value == null ? null : value.toString();
    }

    public String namespace(Object object) {
        Object value = call(object, accessors.get(object.getClass()).namespace());
        return value == null ? null : value.toString();
    }

    public boolean hasCount() {
        return profile.countMethod() != null;
    }

    /**
     * The accessor as a handle of type {@code (Object)Object}, adapted once here: an {@code invoke} of a handle of
     * another type adapts it on every call, which on Netty's hot path (a buffer's view and name, per event) cost
     * more than the rest of the event.
     */
    private static MethodHandle find(Class<?> type, String method) {
        if (method == null) {
            return null;
        }
        MethodType generic = MethodType.methodType(Object.class, Object.class);
        try {
            Method m = type.getMethod(method);
            try {
                return MethodHandles.publicLookup().unreflect(m).asType(generic);
            } catch (IllegalAccessException notPublic) {
                // a public method of a class that is not public itself
                m.setAccessible(true);
                return MethodHandles.lookup().unreflect(m).asType(generic);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object call(Object object, MethodHandle handle) {
        if (handle == null || object == null) {
            return null;
        }
        try {
            return (Object) handle.invokeExact(object); // exact: the handle was adapted once, in find()
        } catch (Throwable t) {
            return null;
        }
    }

    static boolean isSubtypeByName(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (isSubtypeByName(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
