package org.reftrace.stack;

import static org.reftrace.inet.Dst.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.inet.DstEntry;
import org.reftrace.inet.IpAddr;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * {@code net/netfilter/nft_flow_offload.c} and {@code nf_flow_table_core.c}: the {@code flow add @ft} rule
 * offloads a forwarded connection to a flow table, whose entry ({@link FlowEntry}) holds the route of each
 * direction. The route of the packet's own direction comes with the packet (its {@code skb_dst}); the reply
 * direction's is looked up ({@code nf_route()}) and must be released once the flow holds its own reference.
 * When a device goes down or away its flows are torn down ({@code nf_flow_table_cleanup()}).
 *
 * <p>Differs: one flow table per namespace; connections are keyed by their addresses.
 */
public final class FlowOffload implements NotifierModule {

    /** What {@code nft_flow_offload_eval()} does with the reply route's lookup reference once offloaded. */
    public enum ReplyRouteRef {
        /** 26a302afbe32: releases it. */
        RELEASED,
        /** Before 26a302afbe32: keeps it (only the error path released it). */
        KEPT
    }

    private final Fib fib;
    private final Map<Net, Map<String, FlowEntry>> flowtables = new ConcurrentHashMap<>();
    private volatile ReplyRouteRef replyRouteRef = ReplyRouteRef.RELEASED;

    public FlowOffload(Fib fib) {
        this.fib = fib;
    }

    @Override
    public String name() {
        return "nft_flow_offload";
    }

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setReplyRouteRef(ReplyRouteRef ref) {
        replyRouteRef = ref;
    }

    /** {@code struct flow_offload}: a connection's two directions, each holding its route. */
    public static final class FlowEntry {
        private final String key;
        private final DstEntry original;
        private final DstEntry reply;
        private volatile boolean freed;

        /** {@code flow_offload_alloc()}: holds both routes ({@code dst_hold_safe()}). */
        FlowEntry(String key, DstEntry original, DstEntry reply) {
            this.key = key;
            this.original = original;
            this.reply = reply;
            dstHoldSafe(original);
            dstHoldSafe(reply);
        }

        /** {@code flow_offload_free()}: releases both routes. */
        void flowOffloadFree() {
            if (!freed) {
                freed = true;
                dstRelease(original);
                dstRelease(reply);
            }
        }

        boolean uses(NetDevice dev) {
            return original.dev() == dev || reply.dev() == dev;
        }

        @Override
        public String toString() {
            return "flow(" + key + ")";
        }
    }

    /**
     * The forward hook: a packet from {@code saddr} to {@code daddr} is forwarded with a {@code flow add} rule.
     * The packet's route is looked up (it holds it while in flight), the connection offloaded, and the packet
     * sent (its route released). Returns 0 or {@code -ENETUNREACH}.
     */
    public int forward(Net net, String saddr, String daddr) {
        DstEntry skbDst = fib.ipRouteOutputKey(net, IpAddr.of(daddr)); // ip_route_input(): skb_dst_set()
        if (skbDst == null) {
            return -Errno.ENETUNREACH;
        }
        nftFlowOffloadEval(net, saddr, daddr, skbDst);
        dstRelease(skbDst); // the packet is sent: skb_dst_drop()
        return 0;
    }

    /** {@code nft_flow_offload_eval()}: offloads the connection unless it is already. */
    private void nftFlowOffloadEval(Net net, String saddr, String daddr, DstEntry thisDst) {
        String key = saddr + " > " + daddr;
        if (table(net).containsKey(key)) {
            return; // IPS_OFFLOAD_BIT is set
        }
        DstEntry otherDst = nftFlowRoute(net, saddr);
        if (otherDst == null) {
            return;
        }
        FlowEntry flow = new FlowEntry(key, thisDst, otherDst);
        table(net).put(key, flow); // flow_offload_add()
        if (replyRouteRef == ReplyRouteRef.RELEASED) {
            dstRelease(otherDst);
        }
    }

    /** {@code nft_flow_route()}: the reply direction's route ({@code nf_route()}), with a reference. */
    private DstEntry nftFlowRoute(Net net, String saddr) {
        return fib.ipRouteOutputKey(net, IpAddr.of(saddr));
    }

    /** Offloaded flows of the namespace. */
    public List<FlowEntry> flows(Net net) {
        return List.copyOf(table(net).values());
    }

    /** {@code flow_offload_netdev_event()}: {@code nf_flow_table_cleanup(dev)} on NETDEV_DOWN. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.DOWN || event == NetdevEvent.UNREGISTER) {
            table(dev.net()).values().removeIf(flow -> {
                if (!flow.uses(dev)) {
                    return false;
                }
                flow.flowOffloadFree();
                return true;
            });
        }
        return 0;
    }

    private Map<String, FlowEntry> table(Net net) {
        return flowtables.computeIfAbsent(net, n -> new ConcurrentHashMap<>());
    }
}
