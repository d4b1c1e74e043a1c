package org.reftrace.junit;

/** A refcounted fixture, tracked through src/test/resources/buffer.profile. */
public final class Buffer {
    private final String label;
    private int count = 1;

    private Buffer(String label) {
        this.label = label;
    }

    public static Buffer allocate(String label) {
        return new Buffer(label);
    }

    public String label() {
        return label;
    }

    public int count() {
        return count;
    }

    public void retain() {
        count++;
    }

    public void release() {
        count--;
    }
}
