package org.reftrace.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.drivers.Bond;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;

/**
 * The files a script sees: {@code /sys/class/net} and {@code /proc/net/bonding} from the model's devices,
 * {@code /proc/sys} from {@link Sysctls}, {@code /var/run/netns} from the namespaces, files beside the script
 * (for {@code source lib.sh}) read from disk, and the files the script writes itself, kept in memory (nothing is
 * written to disk).
 *
 * <p>Thread-safe.
 */
final class ReplayFiles {
    private final Replayer replayer;
    private final Path scriptDir;
    private final Map<String, String> written = new ConcurrentHashMap<>();

    ReplayFiles(Replayer replayer, Path scriptDir) {
        this.replayer = replayer;
        this.scriptDir = scriptDir;
    }

    void create(String path) {
        written.putIfAbsent(path, "");
    }

    void put(String path, String text, boolean append) {
        written.merge(path, text, append ? String::concat : (a, b) -> b);
    }

    /** {@code test -e/-f/-d/-x path} in namespace {@code netns}. */
    boolean test(char op, String path, String netns) {
        if (written.containsKey(path)) {
            return op != 'd' && op != 'x' && (op != 's' || !written.get(path).isEmpty());
        }
        Net net = replayer.net(netns);
        if (path.startsWith("/sys/class/net/")) {
            String rest = path.substring("/sys/class/net/".length());
            String dev = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            if (dev.equals("bonding_masters")) {
                return replayer.modules().isLoaded("bonding");
            }
            return net != null && replayer.find(net, dev) != null;
        }
        if (path.startsWith("/proc/sys/")) {
            return replayer.sysctls().read(path, netns) != null || op == 'e' || op == 'f' || op == 'w' || op == 'r';
        }
        if (path.startsWith("/var/run/netns/") || path.startsWith("/run/netns/")) {
            return replayer.net(path.substring(path.lastIndexOf('/') + 1)) != null;
        }
        if (path.startsWith("/proc/net/bonding/")) {
            NetDevice dev = net == null ? null : replayer.find(net, path.substring(path.lastIndexOf('/') + 1));
            return dev != null && dev.rtnlLinkOps() instanceof Bond;
        }
        for (String dir : new String[] {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"}) {
            if (path.startsWith(dir)) {
                return replayer.knows(path.substring(dir.length()));
            }
        }
        Path local = local(path);
        if (local == null) {
            return false;
        }
        return switch (op) {
            case 'd' -> Files.isDirectory(local);
            case 'x' -> Files.isExecutable(local);
            default -> Files.exists(local);
        };
    }

    /** The contents of {@code path}, or {@code null}. */
    String read(String path, String netns) {
        String own = written.get(path);
        if (own != null) {
            return own;
        }
        if (path.startsWith("/proc/sys/")) {
            String v = replayer.sysctls().read(path, netns);
            return v == null ? null : v + "\n";
        }
        Net net = replayer.net(netns);
        if (path.startsWith("/sys/class/net/") && net != null) {
            String[] parts = path.substring("/sys/class/net/".length()).split("/");
            NetDevice dev = replayer.find(net, parts[0]);
            if (dev == null || parts.length < 2) {
                return null;
            }
            return switch (parts[1]) {
                case "operstate" -> LinkShow.state(dev).toLowerCase(java.util.Locale.ROOT) + "\n";
                case "address" -> dev.devAddr() + "\n";
                case "mtu" -> dev.mtu() + "\n";
                case "ifindex" -> dev.ifindex() + "\n";
                case "iflink" -> dev.netdevOps().ndoGetIflink(dev) + "\n";
                case "carrier" -> (dev.carrierOk() ? 1 : 0) + "\n";
                case "type" -> dev.type().arphrd() + "\n";
                default -> null;
            };
        }
        Path local = local(path);
        if (local != null && Files.isRegularFile(local)) {
            try {
                return Files.readString(local, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** A path relative to the script (or absolute), as a file on disk; {@code null} for the model's own trees. */
    private Path local(String path) {
        if (path.startsWith("/proc/") || path.startsWith("/sys/") || path.startsWith("/dev/")) {
            return null;
        }
        Path p = Path.of(path);
        return p.isAbsolute() ? p : scriptDir.resolve(p).normalize();
    }
}
