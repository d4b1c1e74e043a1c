package org.reftrace.samples.netty.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives an HTTP server on 127.0.0.1 with {@link HttpConnection}s: a fixed number of requests to one path, or as
 * many as fit in a fixed time on a fixed number of keep-alive connections. Bounded in count or time, always.
 */
public final class Load {
    /** How requests use connections. */
    public enum Connections {
        /** every request on one long-lived connection */
        KEEP_ALIVE,
        /** a new connection for every request ({@code Connection: close}) */
        NEW
    }

    /** What a run got back: responses by status code, and the wall time it took. */
    public record Result(long requests, Map<Integer, Long> byStatus, long nanos) {
        /** e.g. {@code requests=3000 status{200=3000}}. */
        @Override
        public String toString() {
            return "requests=" + requests + " status" + byStatus;
        }
    }

    private Load() {}

    /**
     * Sends {@code count} requests to {@code path}, one after another.
     *
     * @param body the body to POST, or null for GETs
     */
    public static Result run(int port, String path, String body, int count, Connections connections)
            throws IOException {
        byte[] bytes = body == null ? null : body.getBytes(US_ASCII);
        Map<Integer, Long> byStatus = new TreeMap<>();
        long start = System.nanoTime();
        HttpConnection connection = null;
        try {
            for (int i = 0; i < count; i++) {
                if (connection == null) {
                    connection = new HttpConnection(port);
                }
                HttpConnection.Response response = connection.send(path, bytes, connections == Connections.KEEP_ALIVE);
                byStatus.merge(response.status(), 1L, Long::sum);
                if (response.close() || connections == Connections.NEW) {
                    connection.close();
                    connection = null;
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        return new Result(count, byStatus, System.nanoTime() - start);
    }

    /**
     * Keeps {@code connections} keep-alive connections busy with GETs of {@code path} for {@code millis}
     * milliseconds, one thread per connection, one request in flight per connection.
     *
     * @return the requests answered (any status) in that time, summed over connections
     */
    public static Result forDuration(int port, String path, int connections, long millis) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            List<Future<Map<Integer, Long>>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < connections; c++) {
                Callable<Map<Integer, Long>> task = () -> {
                    Map<Integer, Long> byStatus = new TreeMap<>();
                    try (HttpConnection connection = new HttpConnection(port)) {
                        while (System.nanoTime() < deadline) {
                            byStatus.merge(connection.send(path, null, true).status(), 1L, Long::sum);
                        }
                    }
                    return byStatus;
                };
                futures.add(threads.submit(task));
            }
            Map<Integer, Long> byStatus = new TreeMap<>();
            for (Future<Map<Integer, Long>> future : futures) {
                future.get().forEach((status, n) -> byStatus.merge(status, n, Long::sum));
            }
            long nanos = System.nanoTime() - start;
            return new Result(byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus, nanos);
        } finally {
            threads.shutdownNow();
        }
    }
}
