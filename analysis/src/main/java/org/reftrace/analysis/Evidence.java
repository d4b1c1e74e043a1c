package org.reftrace.analysis;

/**
 * Why a suspect ranks where it does: the evidence against a group of holders, strongest first. The order of the
 * constants is the order of the ranking ({@link Ranking}).
 */
public enum Evidence {
    /** A reference taken after the object it holds had begun going away (its unregister, or the point where it
     *  should be free): nobody should take one then. */
    TAKEN_AFTER_UNREGISTER,
    /** The top of a chain: the holder pins an object that pins (through more objects) the one being waited for. */
    CHAIN_ROOT,
    /** Its call site put back none, or few, of the references it took over the run. */
    SITE_RARELY_RELEASES,
    /** Held for a long time. */
    AGE
}
