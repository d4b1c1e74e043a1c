package org.reftrace.replay;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reftrace.drivers.Bridge;

/**
 * The link types {@code ip link add ... type KIND} can create in the model, the module each comes from (loaded on
 * first use, as {@code request_module("rtnl-link-KIND")} does), and the options each accepts after
 * {@code type KIND}, with how many values each option takes.
 */
final class LinkKinds {
    /** Kind → module name. */
    static final Map<String, String> MODULE_OF_KIND = Map.of("dummy", "dummy", "veth", "veth", "vlan", "8021q",
            "bridge", "bridge", "macvlan", "macvlan", "sit", "sit", "bond", "bonding");

    /** Options that take no value. */
    private static final Map<String, Set<String>> FLAGS = Map.of(
            "macvlan", Set.of("nopromisc", "nodst"));

    /** Options with one value, per kind. */
    private static final Map<String, Set<String>> VALUED = Map.of(
            "dummy", Set.of(),
            "veth", Set.of(),
            "vlan", Set.of("id", "protocol", "reorder_hdr", "gvrp", "mvrp", "loose_binding", "bridge_binding"),
            "macvlan", Set.of("mode", "bcqueuelen", "bclim"),
            "sit", Set.of("remote", "local", "ttl", "tos", "dev", "mode", "encap", "encap-sport", "encap-dport",
                    "6rd-prefix", "6rd-relay_prefix", "hoplimit", "encaplimit", "flowlabel", "dscp", "fwmark"),
            "bridge", Set.copyOf(Bridge.OPTIONS),
            "bond", Set.copyOf(org.reftrace.drivers.Bond.optionNames()));

    /** Options followed by a list of values up to the next option, per kind. */
    private static final Map<String, Set<String>> LISTS = Map.of(
            "vlan", Set.of("ingress-qos-map", "egress-qos-map"),
            "macvlan", Set.of("macaddr"));

    private LinkKinds() {}

    static boolean isKnown(String kind) {
        return MODULE_OF_KIND.containsKey(kind);
    }

    static List<String> known() {
        return MODULE_OF_KIND.keySet().stream().sorted().toList();
    }

    /** Whether {@code option} of {@code kind} takes a single value. */
    static boolean takesValue(String kind, String option) {
        return VALUED.getOrDefault(kind, Set.of()).contains(option);
    }

    static boolean isFlag(String kind, String option) {
        return FLAGS.getOrDefault(kind, Set.of()).contains(option);
    }

    static boolean takesList(String kind, String option) {
        return LISTS.getOrDefault(kind, Set.of()).contains(option);
    }

    /** What {@code kind} accepts, for messages. */
    static String optionsOf(String kind) {
        List<String> all = new java.util.ArrayList<>(VALUED.getOrDefault(kind, Set.of()));
        all.addAll(FLAGS.getOrDefault(kind, Set.of()));
        all.addAll(LISTS.getOrDefault(kind, Set.of()));
        if (kind.equals("veth")) {
            all.add("peer");
        }
        return all.isEmpty() ? "none" : String.join(", ", all.stream().sorted().toList());
    }
}
