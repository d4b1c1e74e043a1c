package org.reftrace.dump;

/**
 * What one call site did over the whole run (v2): how many references it took and how many of those were
 * put back. A site that put back 999 of 1 000 is less suspect than one that put back none.
 *
 * @param site     the call site, as a {@code StackTraceElement} string
 * @param profile  the profile whose method is called there
 * @param role     what is called there: {@code hold}, {@code put}, {@code alloc}, {@code lookup} ...
 * @param taken    references taken here (holds, allocations, lookups); 0 for a put site
 * @param released of those, the ones put back since; for a put site, the puts made here
 */
public record SiteStats(String site, String profile, String role, long taken, long released) {

    /** References taken here and still outstanding. */
    public long outstanding() {
        return Math.max(0, taken - released);
    }
}
