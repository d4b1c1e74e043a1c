package org.reftrace.agent.record;

/**
 * What an object was when a free began: decides at the free's end whether it was deferred, refused or done.
 *
 * @param stage the agent's view
 * @param state the object's own state (its state method), or {@code null}
 */
public record BeforeFree(Stage stage, String state) {}
