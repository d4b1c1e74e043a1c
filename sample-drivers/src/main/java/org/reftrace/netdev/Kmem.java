package org.reftrace.netdev;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model-only slab accounting with a kmemleak: every device's memory and every private object a driver
 * allocates with {@link #kmalloc} is an {@link Allocation} until {@link Allocation#kfree()}. What is never
 * freed is reported by {@link #unreferenced()}; freeing twice is a double free, reported when it happens.
 *
 * <p>Thread-safe.
 */
public final class Kmem {
    private final KernelLog log;
    private final Set<Allocation> live = ConcurrentHashMap.newKeySet();

    Kmem(KernelLog log) {
        this.log = log;
    }

    /** One allocated object. */
    public final class Allocation {
        private volatile String description;
        private volatile boolean freed;

        private Allocation(String description) {
            this.description = description;
        }

        /** What was allocated, e.g. {@code net_device eth0} or {@code vlan egress map}. */
        public String description() {
            return description;
        }

        /** A new description, when what the allocation holds is renamed (a device's name resolved or changed). */
        void describe(String newDescription) {
            this.description = newDescription;
        }

        public boolean isFreed() {
            return freed;
        }

        /** {@code kfree()}; a second call is reported as a double free and otherwise ignored. */
        public void kfree() {
            synchronized (this) {
                if (!freed) {
                    freed = true;
                    live.remove(this);
                    return;
                }
            }
            log.memoryError(null, "BUG: KASAN: double-free in kfree of " + description);
        }

        @Override
        public String toString() {
            return description + (freed ? " (freed)" : "");
        }
    }

    /** {@code kmalloc()}: a new allocation, live until freed. */
    public Allocation kmalloc(String description) {
        Allocation allocation = new Allocation(description);
        live.add(allocation);
        return allocation;
    }

    /** What kmemleak would report: every allocation not freed, in no particular order. */
    public List<Allocation> unreferenced() {
        return List.copyOf(live);
    }
}
