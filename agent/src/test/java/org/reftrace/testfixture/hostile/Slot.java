package org.reftrace.testfixture.hostile;

/**
 * A refcounted class whose accessors are {@code synchronized}: a profiler that calls them from its exit hook while
 * the exiting thread holds the lock never lets the JVM exit.
 */
public class Slot {
    private final String id;
    private int count = 1;

    Slot(String id) {
        this.id = id;
    }

    public synchronized String id() {
        return id;
    }

    public synchronized int count() {
        return count;
    }

    public synchronized Slot retain() {
        count++;
        return this;
    }

    public synchronized boolean release() {
        return --count == 0;
    }

    public static Slot open(String id) {
        return new Slot(id);
    }
}
