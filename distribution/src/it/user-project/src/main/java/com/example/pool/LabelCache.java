package com.example.pool;

import java.util.HashMap;
import java.util.Map;

/** Keeps one buffer per label. The bug under test: evict() forgets to release what it drops. */
public final class LabelCache {
    private final Map<String, PooledBuffer> byLabel = new HashMap<>();

    public void put(PooledBuffer buffer) {
        buffer.retain();
        byLabel.put(buffer.label(), buffer);
    }

    public void evict(String label) {
        byLabel.remove(label);
    }

    public void evictAndRelease(String label) {
        PooledBuffer gone = byLabel.remove(label);
        if (gone != null) {
            gone.release();
        }
    }
}
