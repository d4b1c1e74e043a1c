package org.reftrace.agent.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;

/**
 * How {@code reftrace dump PID} reaches a running agent without loading an agent again (which makes JDK 21+
 * print its dynamic-agent warning into the watched program's stderr each time): a private folder
 * ({@code TMPDIR/reftrace-control-PID}, owner-only) that the CLI finds through the system property
 * {@value #PROPERTY}, read with the attach API. A request is a file {@code NAME.request} holding one command line
 * (as {@code agentmain} takes it: {@code command=dump,file=PATH}); the answer is a file {@code NAME.reply}, both
 * written by rename so neither side reads half a file. No network, no port.
 *
 * <p>One daemon thread waits on the folder (inotify on Linux: no polling). The folder is removed at exit; one left
 * by a process killed with {@code kill -9} is removed by the next agent that starts.
 */
final class ControlChannel {
    /** The system property naming the folder. */
    static final String PROPERTY = "reftrace.agent.control";
    static final String REQUEST = ".request";
    static final String REPLY = ".reply";
    private static final String PREFIX = "reftrace-control-";

    private ControlChannel() {}

    /**
     * Opens the folder and serves requests with {@code handler} (a command line in, one line out) until the JVM
     * exits. Returns the folder, or throws when it cannot be made.
     */
    static Path open(Function<String, String> handler) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeStale(tmp);
        Path dir = tmp.resolve(PREFIX + ProcessHandle.current().pid());
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link, not a folder this agent made");
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(dir); // a previous agent of a recycled pid
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(dir);
        }
        WatchService watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        Thread thread = new Thread(() -> serve(dir, watcher, handler), "reftrace-control");
        thread.setDaemon(true);
        thread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                watcher.close();
                deleteTree(dir);
            } catch (IOException | UncheckedIOException e) {
                // the JVM is going away; a leftover folder is removed by the next agent
            }
        }, "reftrace-control-cleanup"));
        System.setProperty(PROPERTY, dir.toString());
        return dir;
    }

    private static void serve(Path dir, WatchService watcher, Function<String, String> handler) {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                return;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path name && name.toString().endsWith(REQUEST)) {
                    answer(dir, name.toString(), handler);
                }
            }
            if (!key.reset()) {
                return;
            }
        }
    }

    private static void answer(Path dir, String requestName, Function<String, String> handler) {
        Path request = dir.resolve(requestName);
        String base = requestName.substring(0, requestName.length() - REQUEST.length());
        String reply;
        try {
            String command = Files.readString(request, StandardCharsets.UTF_8).strip();
            Files.deleteIfExists(request);
            reply = handler.apply(command);
        } catch (IOException | RuntimeException e) {
            reply = "reftrace: the agent could not answer: " + e;
        }
        try {
            Path temp = dir.resolve(base + ".reply.tmp");
            Files.writeString(temp, reply == null ? "" : reply, StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(base + REPLY), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the CLI times out and says the agent did not answer
        }
    }

    /** Removes the folders of agents whose process is gone (killed before their shutdown hook ran). */
    private static void removeStale(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path d : dirs) {
                String pid = d.getFileName().toString().substring(PREFIX.length());
                try {
                    if (pid.matches("\\d{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                        deleteTree(d);
                    }
                } catch (IOException | RuntimeException e) {
                    // not ours to fix: another user's folder, or a vanishing one
                }
            }
        } catch (IOException | RuntimeException e) {
            // no temporary folder to scan: nothing stale either
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
