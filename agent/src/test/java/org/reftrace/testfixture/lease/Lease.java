package org.reftrace.testfixture.lease;

/** A custom refcounted class, to be tracked through a profile file (docs/profiles.md). */
public class Lease {
    private final String id;
    private int count = 1;

    Lease(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public int count() {
        return count;
    }

    public Lease retain() {
        count++;
        return this;
    }

    public boolean release() {
        return --count == 0;
    }
}
