package org.reftrace.netdev;

/**
 * Model-only: {@code netdev_wait_all_refs} gave up on a device through the model's escape
 * ({@link KernelConfig#waitEscape()}). A real kernel would still be waiting. The device stays UNREGISTERED,
 * undestroyed and unfreed, like the real one.
 *
 * @param device     the device's name
 * @param usageCount its usage count when the wait gave up
 * @param waitedNanos how long the wait ran, in model time
 */
public record WaitHang(String device, int usageCount, long waitedNanos) {}
