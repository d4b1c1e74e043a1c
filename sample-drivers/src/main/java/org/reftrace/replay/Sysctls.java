package org.reftrace.replay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Kernel;
import org.reftrace.replay.shell.Ledger;

/**
 * {@code sysctl} and {@code /proc/sys}: the keys that change a lifecycle act on the model
 * ({@code net.core.netdev_unregister_timeout_secs}, {@code net.ipv4.conf.DEV.promote_secondaries},
 * {@code net.ipv6.conf.DEV.accept_dad}); keys that change one the model does not have
 * ({@code net.ipv6.conf.DEV.disable_ipv6}) are unsupported; every other key is remembered (so a script reads back
 * what it wrote) and counted as skipped: it changes nothing the model keeps.
 *
 * <p>Thread-safe.
 */
final class Sysctls {
    /** What a write did. */
    record Result(Ledger.Outcome outcome, int errno) {}

    private final Kernel kernel;
    private final InetCommands inet;
    /** Written values, by namespace ("" for init_net) and key. */
    private final Map<String, String> values = new ConcurrentHashMap<>();

    Sysctls(Kernel kernel, InetCommands inet) {
        this.kernel = kernel;
        this.inet = inet;
    }

    /** {@code net/ipv4/ip_forward} and {@code net.ipv4.ip_forward} are the same key. */
    static String key(String name) {
        String k = name.startsWith("/proc/sys/") ? name.substring("/proc/sys/".length()) : name;
        return k.replace('/', '.');
    }

    /** Writes {@code value} to {@code key} in namespace {@code netns} ({@code null}: init_net). */
    Result write(String key, String value, String netns) {
        String k = key(key);
        String v = value.strip();
        if (k.equals("net.core.netdev_unregister_timeout_secs")) {
            int err;
            try {
                err = kernel.setNetdevUnregisterTimeoutSecs(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                err = -Errno.EINVAL;
            }
            if (err == 0) {
                values.put(scope(k, null), v);
            }
            return new Result(Ledger.Outcome.RAN, err);
        }
        if (k.matches("net\\.ipv6\\.conf\\.[^.]+\\.disable_ipv6")) {
            return new Result(Ledger.Outcome.UNSUPPORTED, 0);
        }
        org.reftrace.netdev.Net net = netns == null ? kernel.initNet() : org.reftrace.netdev.Dev.netnsFind(kernel, netns);
        Integer err = net == null ? null : inet.sysctl(net, k, v);
        values.put(scope(k, netns), v);
        if (err != null) {
            return new Result(Ledger.Outcome.RAN, err);
        }
        return new Result(Ledger.Outcome.SKIPPED, 0);
    }

    /** The value last written, the model's own for the keys it has, or {@code null}. */
    String read(String key, String netns) {
        String k = key(key);
        if (k.equals("net.core.netdev_unregister_timeout_secs")) {
            return Integer.toString(kernel.config().unregisterTimeoutSecs());
        }
        return values.get(scope(k, netns));
    }

    private static String scope(String key, String netns) {
        return key.startsWith("net.") && !key.startsWith("net.core.netdev_unregister") && netns != null
                ? netns + "/" + key : "/" + key;
    }
}
