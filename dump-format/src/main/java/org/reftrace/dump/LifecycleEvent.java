package org.reftrace.dump;

/**
 * @param event  {@code alloc}, {@code register}, {@code register-failed}, {@code unregister}, {@code wait-start},
 *               {@code wait-warning}, {@code wait-end}, {@code wait-gave-up}, {@code free}, {@code release}
 * @param atNanos when, since the agent started
 * @param thread the thread's name
 */
public record LifecycleEvent(String event, long atNanos, String thread) {}
