package org.reftrace.drivers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code struct bond_params} and {@code bond_options.c}'s checks: the options {@code ip link add/set ... type bond}
 * sets. The monitors and the active-slave choice act on {@code mode}, {@code miimon}, {@code updelay},
 * {@code downdelay}, {@code arp_interval}, {@code primary}, {@code fail_over_mac}, {@code use_carrier} and
 * {@code min_links}; the others are validated and kept (the model sends no frames, so hashing, LACP timers and
 * gratuitous ARPs have nothing to act on).
 *
 * <p>Not thread-safe: changed under rtnl, read by the monitors, as in the kernel.
 */
final class BondParams {
    /** Every option name {@code bond_changelink()} knows. */
    static final List<String> OPTIONS = List.of("mode", "miimon", "updelay", "downdelay", "peer_notify_delay",
            "use_carrier", "arp_interval", "arp_ip_target", "arp_validate", "arp_all_targets", "arp_missed_max",
            "primary", "primary_reselect", "fail_over_mac", "xmit_hash_policy", "resend_igmp", "num_grat_arp",
            "num_unsol_na", "all_slaves_active", "min_links", "lp_interval", "packets_per_slave", "lacp_active",
            "lacp_rate", "ad_select", "ad_actor_sys_prio", "ad_user_port_key", "ad_actor_system", "tlb_dynamic_lb",
            "missed_max", "ns_ip6_target", "coupled_control");
    /** Options that may change only without slaves ({@code BOND_OPTFLAG_NOSLAVES}): -ENOTEMPTY otherwise. */
    private static final Set<String> NO_SLAVES = Set.of("mode", "fail_over_mac");
    /** Options that may change only while the bond is down ({@code BOND_OPTFLAG_IFDOWN}): -EBUSY otherwise. */
    private static final Set<String> IF_DOWN = Set.of("mode", "lacp_rate", "ad_select", "tlb_dynamic_lb",
            "lacp_active");
    private static final Map<String, List<String>> NAMED_VALUES = Map.of(
            "fail_over_mac", List.of("none", "active", "follow"),
            "xmit_hash_policy", List.of("layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"),
            "arp_validate", List.of("none", "active", "backup", "all", "filter", "filter_active", "filter_backup"),
            "arp_all_targets", List.of("any", "all"),
            "primary_reselect", List.of("always", "better", "failure"),
            "lacp_rate", List.of("slow", "fast"),
            "ad_select", List.of("stable", "bandwidth", "count"),
            "lacp_active", List.of("off", "on"));

    /** {@code bonding_defaults}: balance-rr, and miimon 100 as {@code bond_check_params()} sets it. */
    BondMode mode = BondMode.BALANCE_RR;
    int miimon = 100;
    int updelayMs;
    int downdelayMs;
    int arpIntervalMs;
    String primary = "";
    int failOverMac;
    boolean useCarrier = true;
    int minLinks;
    final Map<String, String> others = new LinkedHashMap<>();

    /**
     * Checks one option as {@code bond_opt_parse()} and {@code bond_opt_check_deps()} would.
     *
     * @return 0, -EINVAL for a value the option does not take, -ENOTEMPTY / -EBUSY when the bond's state forbids
     *         the change, -EOPNOTSUPP for an unknown option
     */
    static int check(String option, String value, boolean hasSlaves, boolean up) {
        if (!OPTIONS.contains(option)) {
            return -org.reftrace.netdev.Errno.EOPNOTSUPP;
        }
        if (NO_SLAVES.contains(option) && hasSlaves) {
            return -org.reftrace.netdev.Errno.ENOTEMPTY;
        }
        if (IF_DOWN.contains(option) && up) {
            return -org.reftrace.netdev.Errno.EBUSY;
        }
        return valid(option, value) ? 0 : -org.reftrace.netdev.Errno.EINVAL;
    }

    private static boolean valid(String option, String value) {
        switch (option) {
            case "mode":
                return BondMode.parse(value) != null;
            case "primary", "arp_ip_target", "ns_ip6_target", "ad_actor_system":
                return true;
            default:
                break;
        }
        List<String> names = NAMED_VALUES.get(option);
        if (names != null && (names.contains(value) || value.matches("\\d") && Integer.parseInt(value) < names.size())) {
            return true;
        }
        return names == null && value.matches("\\d{1,9}");
    }

    /** Applies an option already checked; returns what the monitors must do about it. */
    void apply(String option, String value) {
        switch (option) {
            case "mode" -> mode = BondMode.parse(value);
            case "miimon" -> {
                miimon = Integer.parseInt(value);
                if (miimon > 0) {
                    arpIntervalMs = 0; // "MII monitoring cannot be used with ARP monitoring"
                }
            }
            case "arp_interval" -> {
                arpIntervalMs = Integer.parseInt(value);
                if (arpIntervalMs > 0) {
                    miimon = 0; // "ARP monitoring cannot be used with MII monitoring"
                }
            }
            case "updelay" -> updelayMs = Integer.parseInt(value);
            case "downdelay" -> downdelayMs = Integer.parseInt(value);
            case "primary" -> primary = value;
            case "fail_over_mac" -> failOverMac = value.matches("\\d")
                    ? Integer.parseInt(value) : NAMED_VALUES.get(option).indexOf(value);
            case "use_carrier" -> useCarrier = !value.equals("0");
            case "min_links" -> minLinks = Integer.parseInt(value);
            default -> others.put(option, value);
        }
    }
}
