package org.reftrace.samples.netty.http;

/**
 * The sample server's routes: one correct, three with the reference-counting bugs Netty users meet most.
 * {@link RestHandler} says what each does with the request it receives.
 */
public enum Route {
    /** {@code GET /hello}: answers and releases the request, as it must. */
    HELLO("/hello", null),
    /** {@code POST /admin}: refuses and returns early, neither releasing nor passing on the request (netty/netty#6930). */
    ADMIN("/admin", "{\"action\":\"reindex\"}"),
    /** {@code POST /upload} with an empty body: releases the request on the error path, then again in {@code finally}. */
    UPLOAD("/upload", ""),
    /** {@code POST /preview}: keeps a {@code retainedSlice} of the body for a log line and never releases it. */
    PREVIEW("/preview", "id=42;name=a sample record with a body longer than its preview");

    private final String path;
    private final String body;

    Route(String path, String body) {
        this.path = path;
        this.body = body;
    }

    /** The request path, e.g. {@code /hello}. */
    public String path() {
        return path;
    }

    /** The body a client POSTs to it (possibly empty), or null for a GET. */
    public String body() {
        return body;
    }

    /** The route whose path is {@code path}, or null. */
    public static Route of(String path) {
        for (Route route : values()) {
            if (route.path.equals(path)) {
                return route;
            }
        }
        return null;
    }
}
