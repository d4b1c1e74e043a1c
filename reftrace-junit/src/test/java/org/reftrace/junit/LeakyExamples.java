package org.reftrace.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests run through the JUnit test kit by {@link ReftraceExtensionTest}, not by the build itself. */
@ExtendWith(ReftraceExtension.class)
class LeakyExamples {
    /** Keeps what it is given. */
    static final class Cache {
        Buffer kept;

        void put(Buffer buffer) {
            buffer.retain();
            kept = buffer;
        }
    }

    @Test
    void releasesEverything() {
        Buffer b = Buffer.allocate("clean");
        b.retain();
        b.release();
        b.release();
        assertEquals(0, b.count());
    }

    @Test
    void leavesAReferenceInACache() {
        Cache cache = new Cache();
        Buffer b = Buffer.allocate("cached");
        cache.put(b);
        b.release();
        assertEquals(1, b.count()); // the cache's reference: the extension must fail this test for it
    }
}
