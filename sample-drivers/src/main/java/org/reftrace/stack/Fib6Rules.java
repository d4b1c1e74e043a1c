package org.reftrace.stack;

import static org.reftrace.inet.Dst.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.Rt6Info;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;

/**
 * {@code net/ipv6/fib6_rules.c} with {@code net/core/fib_rules.c}: IPv6 policy routing rules. A lookup walks the
 * rules in order; each rule's action looks up its table ({@code fib6_rule_action()}), taking a reference on the
 * result unless the caller passed {@code RT6_LOOKUP_F_DST_NOREF}; a rule with {@code suppress_prefixlength}
 * rejects results whose prefix is that short or shorter, and must then drop the reference its action took.
 *
 * <p>Differs: every rule looks up the main table; there are no selectors.
 */
public final class Fib6Rules {
    /** {@code FIB_LOOKUP_NOREF}: the generic flag {@code fib6_rule_lookup()} always sets in its lookup argument. */
    static final int FIB_LOOKUP_NOREF = 1;

    /** Which flag {@code fib6_rule_suppress()} reads to decide whether to drop the suppressed route's reference. */
    public enum SuppressPut {
        /** cdef485217d3: the IPv6 lookup's own flags ({@code ip6_rt_put_flags(rt, flags)}). */
        LOOKUP_FLAGS,
        /** Before cdef485217d3 (since ca7a03c41753): the generic argument's, which always says "no reference". */
        GENERIC_ARG_FLAGS
    }

    /** A rule: {@code table main}, optionally {@code suppress_prefixlength N} (-1: none). */
    public record Rule(int suppressPrefixlength) {}

    private final Ip6Route ip6Route;
    private final Map<Net, List<Rule>> rules = new ConcurrentHashMap<>();
    private volatile SuppressPut suppressPut = SuppressPut.LOOKUP_FLAGS;

    public Fib6Rules(Ip6Route ip6Route) {
        this.ip6Route = ip6Route;
    }

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setSuppressPut(SuppressPut put) {
        suppressPut = put;
    }

    /**
     * {@code fib_nl_newrule()} ({@code ip -6 rule add table main suppress_prefixlength N}): the rule goes before
     * the default {@code main} rule. Returns 0 or {@code -EINVAL}.
     */
    public int fibNlNewrule(Net net, int suppressPrefixlength) {
        if (suppressPrefixlength < -1 || suppressPrefixlength > 128) {
            return -Errno.EINVAL;
        }
        List<Rule> list = rules(net);
        list.add(list.size() - 1, new Rule(suppressPrefixlength));
        return 0;
    }

    /**
     * {@code fib6_rule_lookup(net, fl6, skb, flags, lookup)}: the first rule's result that is not suppressed; with
     * a reference for the caller unless {@code flags} has {@link Ip6Route#RT6_LOOKUP_F_DST_NOREF}. Null: no route.
     */
    public Rt6Info fib6RuleLookup(Net net, IpAddr daddr, int flags) {
        int argFlags = FIB_LOOKUP_NOREF; // struct fib_lookup_arg arg = { .flags = FIB_LOOKUP_NOREF }
        for (Rule rule : rules(net)) {
            Rt6Info rt = fib6RuleAction(net, daddr, flags);
            if (rt == null) {
                continue;
            }
            if (fib6RuleSuppress(rule, rt, flags, argFlags)) {
                continue;
            }
            return rt;
        }
        return null;
    }

    /** {@code fib6_rule_action()}: the table lookup, referenced or not by {@code flags}. */
    private Rt6Info fib6RuleAction(Net net, IpAddr daddr, int flags) {
        return (flags & Ip6Route.RT6_LOOKUP_F_DST_NOREF) != 0 ? ip6Route.ip6PolRouteLookupNoref(net, daddr)
                : ip6Route.ip6PolRouteLookup(net, daddr);
    }

    /** {@code fib6_rule_suppress()}: whether the rule rejects {@code rt}; if so, its reference is to be dropped. */
    private boolean fib6RuleSuppress(Rule rule, Rt6Info rt, int flags, int argFlags) {
        int plen = rt.from() != null ? rt.from().dst().len() : 128;
        if (rule.suppressPrefixlength() < 0 || plen > rule.suppressPrefixlength()) {
            return false;
        }
        boolean referenced = suppressPut == SuppressPut.LOOKUP_FLAGS
                ? (flags & Ip6Route.RT6_LOOKUP_F_DST_NOREF) == 0 // ip6_rt_put_flags()
                : (argFlags & FIB_LOOKUP_NOREF) == 0;
        if (referenced) {
            dstRelease(rt);
        }
        return true;
    }

    /**
     * {@code ip6_route_input()}'s lookup: a packet to {@code daddr} is routed without taking a reference
     * ({@code skb_dst_set_noref()}). Returns 0 or {@code -ENETUNREACH}.
     */
    public int ip6RouteInput(Net net, String daddr) {
        return fib6RuleLookup(net, IpAddr.of(daddr), Ip6Route.RT6_LOOKUP_F_DST_NOREF) == null ? -Errno.ENETUNREACH : 0;
    }

    /**
     * {@code nft_fib6_eval()} ({@code meta nfproto ipv6 fib saddr . mark . iif oif missing drop}): looks the
     * packet's route up with a reference, reads its output device and releases it ({@code ip6_rt_put()}).
     * Returns whether the packet passes (it has a route).
     */
    public boolean nftFib6Eval(Net net, String daddr) {
        Rt6Info rt = fib6RuleLookup(net, IpAddr.of(daddr), 0);
        if (rt == null) {
            return false;
        }
        dstRelease(rt);
        return true;
    }

    private List<Rule> rules(Net net) {
        return rules.computeIfAbsent(net, n -> new CopyOnWriteArrayList<>(List.of(new Rule(-1))));
    }
}
