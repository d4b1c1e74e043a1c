package com.example.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reftrace.junit.ReftraceExtension;

/** One clean test, one leaky one: reftrace's extension must fail only the leaky one, naming the cache. */
@ExtendWith(ReftraceExtension.class)
class LabelCacheTest {
    @Test
    void evictAndReleaseGivesTheReferenceBack() {
        LabelCache cache = new LabelCache();
        PooledBuffer buffer = PooledBuffer.allocate("clean");
        cache.put(buffer);
        cache.evictAndRelease("clean");
        buffer.release();
        assertEquals(0, buffer.refCnt());
    }

    @Test
    void evictForgetsTheCachesReference() {
        LabelCache cache = new LabelCache();
        PooledBuffer buffer = PooledBuffer.allocate("leaky");
        cache.put(buffer);
        cache.evict("leaky");
        buffer.release();
        assertEquals(1, buffer.refCnt()); // passes by itself; the leak is what reftrace must report
    }
}
