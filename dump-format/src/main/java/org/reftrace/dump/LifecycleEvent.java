package org.reftrace.dump;

/**
 * @param event   {@code alloc}, {@code register}, {@code register-failed}, {@code unregister}, {@code wait-start},
 *                {@code wait-warning}, {@code wait-end}, {@code wait-gave-up}, {@code free}, {@code release}
 * @param atNanos when, since the agent started (for a kernel log: since boot)
 * @param thread  the thread's name (for a kernel log: the task, e.g. {@code T12484})
 * @param value   a number the event carries, or {@code null}: for {@code wait-warning}, the usage count printed
 */
public record LifecycleEvent(String event, long atNanos, String thread, Long value) {

    public LifecycleEvent(String event, long atNanos, String thread) {
        this(event, atNanos, thread, null);
    }
}
