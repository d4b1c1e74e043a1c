package org.reftrace.samples.netty;

import io.netty.buffer.ByteBufAllocator;

/**
 * Gives Netty's own leak detector its chances to speak before a program ends: it reports a leak only after the
 * leaked buffer was garbage-collected and another tracked buffer is allocated. Harmless without a leak.
 */
public final class LeakDetectorNudge {
    private LeakDetectorNudge() {}

    /** Ten rounds of a full GC, a short pause and one pooled allocation and release. */
    public static void run() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            ByteBufAllocator.DEFAULT.buffer(1).release();
        }
    }
}
