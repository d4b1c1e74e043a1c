package org.reftrace.agent.record;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every call site the agent rewrote, by id. Ids are handed out at instrumentation time and baked into the
 * rewritten bytecode as constants, so recording a hold costs no lookup of where it came from.
 *
 * <p>Thread-safe; registration is rare (class loading), reads are lock-free.
 */
public final class SiteTable {
    private final CopyOnWriteArrayList<Site> sites = new CopyOnWriteArrayList<>();

    /** Registers a site; returns its id. */
    public synchronized int register(String className, String methodName, String fileName, int line, int targetId) {
        int id = sites.size();
        sites.add(new Site(id, className, methodName, fileName, line, targetId));
        return id;
    }

    /** The site, or a placeholder for an id this table never issued. */
    public Site get(int id) {
        if (id >= 0 && id < sites.size()) {
            return sites.get(id);
        }
        return new Site(id, "unknown", "site" + id, null, 0, -1);
    }

    public int size() {
        return sites.size();
    }
}
