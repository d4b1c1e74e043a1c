package org.reftrace.dump;

/**
 * Something the agent counted but did not keep (v2), and how to keep it next time.
 *
 * @param what   what was not kept, in words: {@code holds not recorded (the cap was reached)}
 * @param count  how many
 * @param option the agent option that raises the cap, as {@code name=current value}, or {@code null}
 */
public record Drop(String what, long count, String option) {}
