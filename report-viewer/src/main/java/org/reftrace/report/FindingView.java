package org.reftrace.report;

/**
 * One thing to look at first.
 *
 * @param kind      {@code problems} (a bad put, free or read at a call site) or {@code holders} (a signature)
 * @param headline  one line: what and where
 * @param site      the call site to blame, or {@code null}
 * @param count     problems, or lingering references
 * @param signature the signature's rank (from 1), for {@code holders}; else 0
 * @param problem   the problem group's index, for {@code problems}; else -1
 */
public record FindingView(String kind, String headline, String site, long count, int signature, int problem) {}
