package org.reftrace.agent.record;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every call site the agent knows, by id. Ids are handed out at instrumentation time and baked into the
 * rewritten bytecode as constants, so recording a hold costs no lookup of where it came from; sites found by
 * walking the stack (a call through a method reference, reflection or a method handle) are registered once each.
 *
 * <p>Thread-safe; registration is rare, reads are lock-free.
 */
public final class SiteTable {
    private final CopyOnWriteArrayList<Site> sites = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Integer> byFrame = new ConcurrentHashMap<>();

    /** Registers a site; returns its id. */
    public synchronized int register(String className, String methodName, String fileName, int line, int targetId) {
        int id = sites.size();
        sites.add(new Site(id, className, methodName, fileName, line, targetId));
        return id;
    }

    /** The site of a frame found by walking the stack, registered on first sight. */
    public int registerOnce(String className, String methodName, String fileName, int line, int targetId) {
        String key = className + "." + methodName + ":" + line + "#" + targetId;
        Integer known = byFrame.get(key);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            return byFrame.computeIfAbsent(key, k -> register(className, methodName, fileName, line, targetId));
        }
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
