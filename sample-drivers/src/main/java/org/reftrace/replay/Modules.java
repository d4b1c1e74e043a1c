package org.reftrace.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reftrace.drivers.Bond;
import org.reftrace.drivers.Bridge;
import org.reftrace.drivers.Dummy;
import org.reftrace.drivers.Macvlan;
import org.reftrace.drivers.Module;
import org.reftrace.drivers.Sit;
import org.reftrace.drivers.Veth;
import org.reftrace.drivers.Vlan;
import org.reftrace.netdev.Kernel;
import org.reftrace.replay.shell.Io;

/**
 * The model's loadable modules, as {@code modprobe}, {@code rmmod} and link-type autoloading see them:
 * {@code dummy}, {@code veth}, {@code 8021q}, {@code bridge}, {@code macvlan}, {@code sit}, {@code bonding}.
 * Module parameters: {@code dummy numdummies=N}, {@code bonding max_bonds=N} plus any bond option as a default.
 * Without them, dummy and bonding load as with {@code numdummies=0} and {@code max_bonds=0}: the kernel's
 * defaults (1) would create {@code dummy0} and {@code bond0} at load, making a script's own
 * {@code ip link add dummy0 type dummy} fail with "File exists".
 *
 * <p>Not thread-safe: the replay's one thread loads and removes modules.
 */
final class Modules {
    /** Every module the model has. */
    static final List<String> NAMES = List.of("dummy", "veth", "8021q", "bridge", "macvlan", "sit", "bonding");

    private final Kernel kernel;
    private final ReplayQuirks quirks;
    private final Map<String, Module> loaded = new LinkedHashMap<>();

    Modules(Kernel kernel, ReplayQuirks quirks) {
        this.kernel = kernel;
        this.quirks = quirks;
    }

    static boolean exists(String name) {
        return NAMES.contains(canonical(name));
    }

    /** {@code modprobe} treats {@code -} and {@code _} alike; {@code rtnl-link-KIND} is a link type's alias. */
    static String canonical(String name) {
        String n = name.replace('-', '_');
        if (name.startsWith("rtnl-link-")) {
            String module = LinkKinds.MODULE_OF_KIND.get(name.substring("rtnl-link-".length()));
            return module == null ? n : module;
        }
        return n.equals("8021q") ? "8021q" : n;
    }

    Module get(String name) {
        return loaded.get(canonical(name));
    }

    boolean isLoaded(String name) {
        return loaded.containsKey(canonical(name));
    }

    /** The modules loaded, in load order (for {@code lsmod}). */
    List<String> loadedNames() {
        return List.copyOf(loaded.keySet());
    }

    /**
     * {@code modprobe NAME [PARAM=VALUE...]}: loads it once; a second load does nothing.
     *
     * @return 0, or 1 after printing modprobe's error for a bad parameter
     */
    int load(String name, Map<String, String> params, Io.Sink err) {
        String n = canonical(name);
        if (loaded.containsKey(n)) {
            return 0;
        }
        Module module;
        try {
            module = create(n, params);
        } catch (IllegalArgumentException e) {
            err.println("modprobe: ERROR: could not insert '" + n + "': Invalid argument (" + e.getMessage() + ")");
            return 1;
        }
        int ret = module.init(kernel);
        if (ret != 0) {
            err.println("modprobe: ERROR: could not insert '" + n + "': " + org.reftrace.netdev.Errno.strerror(ret));
            return 1;
        }
        loaded.put(n, module);
        return 0;
    }

    private Module create(String name, Map<String, String> params) {
        Map<String, String> p = new LinkedHashMap<>(params);
        Module module = switch (name) {
            case "dummy" -> new Dummy(intParam(p.remove("numdummies"), 0, "numdummies"));
            case "veth" -> new Veth();
            case "8021q" -> new Vlan(quirks.vlanRef());
            case "bridge" -> new Bridge();
            case "macvlan" -> new Macvlan();
            case "sit" -> new Sit(quirks.sitRef());
            case "bonding" -> {
                int max = intParam(p.remove("max_bonds"), 0, "max_bonds");
                Map<String, String> defaults = new LinkedHashMap<>(p);
                p.clear();
                yield new Bond(max, defaults);
            }
            default -> throw new IllegalStateException("no module " + name);
        };
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("unknown parameter " + p.keySet().iterator().next());
        }
        return module;
    }

    private static int intParam(String value, int otherwise, String name) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value);
        }
    }

    /**
     * {@code rmmod NAME} / {@code modprobe -r NAME}: runs the module's exit (deleting every device of its link
     * type, which waits for their references).
     *
     * @return 0, or 1 after printing the tool's error for a module not loaded
     */
    int remove(String name, boolean viaModprobe, Io.Sink err) {
        String n = canonical(name);
        Module module = loaded.remove(n);
        if (module == null) {
            err.println(viaModprobe ? "modprobe: FATAL: Module " + n + " is not in kernel."
                    : "rmmod: ERROR: Module " + n + " is not currently loaded");
            return 1;
        }
        module.exit(kernel);
        return 0;
    }
}
