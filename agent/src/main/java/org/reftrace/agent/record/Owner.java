package org.reftrace.agent.record;

/**
 * Who takes or drops a reference, reduced to what a hold keeps: identity hash, class name and, for an owner that
 * is itself a tracked object (a dst holding its device), its state, which is the link a chain follows. Pairing by
 * owner compares hash and class: two live owners of one class with the same 31-bit identity hash would be
 * confused, which only mis-pairs two puts of the same object.
 *
 * @param hash  {@code System.identityHashCode(owner)}, or 0 for no owner
 * @param type  the owner's class name, or {@code null} for no owner
 * @param state the owner's state when it is a tracked object, or {@code null}
 */
record Owner(int hash, String type, ObjectState state) {
    static final Owner NONE = new Owner(0, null, null);

    /** The owner's class, or the call site's class when there is no owner. */
    String className(Site site) {
        return type != null ? type : site.className();
    }

    boolean present() {
        return hash != 0;
    }
}
