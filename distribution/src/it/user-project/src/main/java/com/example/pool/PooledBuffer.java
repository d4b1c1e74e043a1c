package com.example.pool;

/** A refcounted buffer: allocated with one reference, freed when the last is released. */
public final class PooledBuffer {
    private final String label;
    private int refCnt = 1;

    private PooledBuffer(String label) {
        this.label = label;
    }

    public static PooledBuffer allocate(String label) {
        return new PooledBuffer(label);
    }

    public String label() {
        return label;
    }

    public int refCnt() {
        return refCnt;
    }

    public void retain() {
        refCnt++;
    }

    public void release() {
        refCnt--;
    }
}
