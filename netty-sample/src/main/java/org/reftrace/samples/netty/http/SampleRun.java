package org.reftrace.samples.netty.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.reftrace.samples.netty.LeakDetectorNudge;

/**
 * Runs {@link RestServer} and drives it from a client in the same JVM, then stops and exits: one command per
 * experiment, under Netty's detector or the reftrace agent.
 *
 * <pre>
 * SampleRun [--connections keep-alive|new|both] ROUTE=COUNT...
 *   e.g. SampleRun hello=3000 admin=20          (3 000 good requests, then 20 that leak)
 * </pre>
 * Routes are sent in the order given; with {@code both}, each count is split between one keep-alive connection
 * and new connections. Prints one {@code client ROUTE: ...} line per route and a {@code server: ...} line with the
 * handler's counters. Bad arguments: one line, exit 2.
 */
public final class SampleRun {
    /** One step of the plan: a route and how many requests. */
    record Step(Route route, int count) {}

    private SampleRun() {}

    public static void main(String[] args) throws Exception {
        List<Step> plan = new ArrayList<>();
        String connections = "keep-alive";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--connections") && i + 1 < args.length) {
                connections = args[++i];
                continue;
            }
            Step step = parse(args[i]);
            if (step == null) {
                fail("argument '" + args[i] + "' is not ROUTE=COUNT (routes: hello, admin, upload, preview; count >= 0)");
            }
            plan.add(step);
        }
        if (!List.of("keep-alive", "new", "both").contains(connections)) {
            fail("--connections is '" + connections + "' (expected: keep-alive, new or both)");
        }
        if (plan.isEmpty()) {
            fail("no requests to send (e.g. SampleRun hello=3000 admin=20)");
        }
        try (RestServer server = RestServer.start(0, 1)) {
            for (Step step : plan) {
                drive(server.port(), step, connections);
            }
            System.out.println("server: " + server.counters());
        }
        LeakDetectorNudge.run();
        System.out.println("done");
    }

    private static void drive(int port, Step step, String connections) throws IOException {
        String path = step.route().path();
        String body = step.route().body();
        if (connections.equals("both")) {
            int kept = step.count() / 2;
            Load.Result a = Load.run(port, path, body, kept, Load.Connections.KEEP_ALIVE);
            Load.Result b = Load.run(port, path, body, step.count() - kept, Load.Connections.NEW);
            System.out.println("client " + step.route().name().toLowerCase() + ": keep-alive " + a + ", new " + b);
        } else {
            Load.Connections mode = connections.equals("new") ? Load.Connections.NEW : Load.Connections.KEEP_ALIVE;
            System.out.println("client " + step.route().name().toLowerCase() + ": " + connections + " "
                    + Load.run(port, path, body, step.count(), mode));
        }
    }

    private static Step parse(String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            return null;
        }
        Route route = Route.of("/" + arg.substring(0, eq));
        try {
            int count = Integer.parseInt(arg.substring(eq + 1));
            return route == null || count < 0 ? null : new Step(route, count);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void fail(String message) {
        System.err.println("sample: " + message);
        System.exit(2);
    }
}
