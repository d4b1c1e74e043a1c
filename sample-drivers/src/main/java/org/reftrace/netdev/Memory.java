package org.reftrace.netdev;

/**
 * The device's memory: released with the last device-model (kobject) reference, or at once by
 * {@code free_netdev()} of a device that was never registered. Every core entry point checks it first, as a
 * KASAN kernel would, so a use after free is reported when it happens instead of corrupting the model.
 */
final class Memory {
    private Memory() {}

    /** Returns whether {@code dev} may be touched; otherwise reports the use after free. */
    static boolean isLive(NetDevice dev, String function) {
        if (!dev.memoryReleased && !dev.refcntFreed) {
            return true;
        }
        if (!dev.memoryReleased) {
            dev.kernel.log().memoryError(dev, "BUG: kernel NULL pointer dereference in " + function + " on device "
                    + dev.name + ": free_netdev() already freed its refcount\n"
                    + dev.kernel.stackDepot().save().indented());
            return false;
        }
        dev.kernel.log().memoryError(dev, "BUG: KASAN: use-after-free in " + function + " on device " + dev.name
                + " (freed " + dev.regState.kernelName() + ")\n" + dev.kernel.stackDepot().save().indented());
        return false;
    }

    /**
     * A read of the device through one of its kernel-facing accessors: reports the first read after the memory
     * went ({@code BUG: KASAN: use-after-free in FUNCTION}, with the reader's stack); later reads of the same
     * device are not reported again, as a KASAN kernel usually stops at the first. The read itself still returns
     * the stale value, which is what the kernel's would do.
     */
    static void checkRead(NetDevice dev, String function) {
        if (!dev.memoryReleased || dev.readAfterFreeReported) {
            return;
        }
        dev.readAfterFreeReported = true;
        dev.kernel.log().memoryError(dev, "BUG: KASAN: use-after-free in " + function + ": read of device " + dev.name
                + " (freed " + dev.regState.kernelName() + ")\n" + dev.kernel.stackDepot().save().indented());
    }

    /** {@code netdev_freemem()}: the memory goes now. */
    static void release(NetDevice dev) {
        dev.memoryReleased = true;
        dev.memory.kfree();
    }

    /** {@code kobject_get(&dev->dev.kobj)}. */
    static void kobjectGet(NetDevice dev) {
        dev.kobjectRefs.incrementAndGet();
    }

    /** {@code kobject_put(&dev->dev.kobj)}: the last put releases the memory ({@code netdev_release}). */
    static void kobjectPut(NetDevice dev) {
        int left = dev.kobjectRefs.decrementAndGet();
        if (left == 0) {
            release(dev);
        } else if (left < 0) {
            // kobject_put() -> kref_put() -> refcount_dec_and_test() on a count already at 0
            dev.kernel.log().memoryError(dev, "refcount_t: underflow; use-after-free.\nWARNING: at lib/refcount.c "
                    + "refcount_warn_saturate\n" + dev.kernel.stackDepot().save().indented());
        }
    }
}
