package org.reftrace.samples.netty.field;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import org.reftrace.samples.netty.LeakDetectorNudge;
import org.reftrace.samples.netty.http.Load;

/**
 * Runs one of Netty's own example servers (from {@code io.netty:netty-example}, code nobody here wrote) in this
 * JVM, drives it from a client on 127.0.0.1, and exits: the field harness's unit of work.
 *
 * <pre>
 * ExampleRun hello|snoop|echo COUNT [--connections keep-alive|new|both]
 * </pre>
 * The example's {@code main} runs on a daemon thread with {@code -Dport} set to a free port; once the port
 * answers, COUNT requests (echo: messages of 256 bytes) are sent, split half and half with {@code both} (the
 * default). Prints {@code client: ...}, gives Netty's leak detector its chances ({@link LeakDetectorNudge}),
 * prints {@code done} and exits 0 (the agent writes its dump on exit). Bad arguments: one line, exit 2.
 */
public final class ExampleRun {
    /** The example servers the harness runs, with their main classes. */
    enum Example {
        HELLO("io.netty.example.http.helloworld.HttpHelloWorldServer"),
        SNOOP("io.netty.example.http.snoop.HttpSnoopServer"),
        ECHO("io.netty.example.echo.EchoServer");

        final String mainClass;

        Example(String mainClass) {
            this.mainClass = mainClass;
        }
    }

    private static final int ECHO_BYTES = 256;

    private ExampleRun() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            // the example's event loops are not daemons: without an exit, a failed client would leave the JVM up
            System.err.println("example: the run failed: " + e);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--connections"))) {
            fail("usage: ExampleRun hello|snoop|echo COUNT [--connections keep-alive|new|both]");
        }
        Example example = null;
        for (Example e : Example.values()) {
            if (e.name().equalsIgnoreCase(args[0])) {
                example = e;
            }
        }
        if (example == null) {
            fail("example '" + args[0] + "' is unknown (expected: hello, snoop or echo)");
        }
        int count = -1;
        try {
            count = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (count < 0) {
            fail("COUNT '" + args[1] + "' is not an integer >= 0");
        }
        String connections = args.length == 4 ? args[3] : "both";
        if (!List.of("keep-alive", "new", "both").contains(connections)) {
            fail("--connections is '" + connections + "' (expected: keep-alive, new or both)");
        }
        int port = freePort();
        System.setProperty("port", Integer.toString(port));
        start(example);
        awaitListening(port);
        int kept = connections.equals("both") ? count / 2 : connections.equals("keep-alive") ? count : 0;
        System.out.println("client: " + drive(example, port, kept, true) + "; " + drive(example, port, count - kept, false));
        LeakDetectorNudge.run();
        System.out.println("done");
        System.exit(0);
    }

    private static String drive(Example example, int port, int count, boolean keepAlive) throws IOException {
        String mode = keepAlive ? "keep-alive " : "new ";
        if (example == Example.ECHO) {
            return mode + "messages=" + EchoLoad.run(port, count, ECHO_BYTES, keepAlive);
        }
        return mode + Load.run(port, "/", null, count, keepAlive ? Load.Connections.KEEP_ALIVE : Load.Connections.NEW);
    }

    private static void start(Example example) throws ReflectiveOperationException {
        Method main = Class.forName(example.mainClass).getMethod("main", String[].class);
        Thread server = new Thread(() -> {
            try {
                main.invoke(null, (Object) new String[0]);
            } catch (ReflectiveOperationException e) {
                System.err.println("example: " + example.mainClass + " failed: " + e.getCause());
                System.exit(1);
            }
        }, "example-" + example.name().toLowerCase(Locale.ROOT));
        server.setDaemon(true);
        server.start();
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L; // start-up is slow on a loaded machine, more so under an agent
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        fail("the example server did not listen on port " + port + " within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void fail(String message) {
        System.err.println("example: " + message);
        System.exit(2);
    }
}
