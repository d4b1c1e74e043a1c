package org.reftrace.dump;

/**
 * One event that explains a problem, besides the problem's own (v2): for a use after free, where the stale
 * reference was taken and where the object was freed; for a double release, where it was first released.
 *
 * @param role    what this event was: one of {@link Role#label()}
 * @param site    its call site, as a {@code StackTraceElement} string, or {@code null}
 * @param thread  the thread it ran on, or {@code null}
 * @param atNanos when, since the agent started (-1: unknown)
 * @param stack   id in the dump's stack table, or {@code null} when not captured
 */
public record Origin(String role, String site, String thread, long atNanos, String stack) {

    /** The roles an origin can have. */
    public enum Role {
        /** The hold the offending put or use pairs with: where the stale reference was taken. */
        TAKEN("taken"),
        /** The lookup or allocation that handed the stale reference out. */
        HANDED_OUT("handed-out"),
        /** Where the object was freed. */
        FREED("freed"),
        /** Where the reference was released the first time. */
        FIRST_RELEASE("first-release"),
        /** Where the object was allocated. */
        ALLOCATED("allocated");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Origin(Role role, String site, String thread, long atNanos, String stack) {
        this(role.label(), site, thread, atNanos, stack);
    }
}
