package org.reftrace.agent.record;

/**
 * Who takes or drops a reference, and where: the call site, the owner object (the caller's tracked parameter or
 * its {@code this}; {@code null} in a static context or when the call came through a path with no marked call
 * site), the thread's name, the test-mode scope the thread was in, and the view the call went through ({@code null}
 * when it was made on the object itself): a reference taken through a view (a slice) goes back through it.
 */
public record Attribution(Site site, Object owner, String thread, long scope, Object via) {

    public Attribution(Site site, Object owner, String thread, long scope) {
        this(site, owner, thread, scope, null);
    }

    /** The same, through {@code view}. */
    public Attribution through(Object view) {
        return view == via ? this : new Attribution(site, owner, thread, scope, view);
    }
}
