package org.reftrace.agent.record;

/**
 * Who takes or drops a reference, and where: the call site, the owner object (the caller's tracked parameter or
 * its {@code this}; {@code null} in a static context or when the call came through a path with no marked call
 * site), the thread's name, and the test-mode scope the thread was in.
 */
public record Attribution(Site site, Object owner, String thread, long scope) {}
