package org.reftrace.replay;

import java.util.List;

/**
 * {@code ip address}, {@code ip route}, {@code ip nexthop}, {@code ip neighbour} and {@code ip rule}: the IP
 * stack's refcounted objects (in_device, addresses, routes, nexthops, neighbours), which the model's IP layer
 * ({@code org.reftrace.inet}) provides through its rtnetlink entry points.
 */
final class InetCommands {
    InetCommands() {}

    int run(IpCommand ip, String object, List<String> args) {
        throw new ReplayUnsupported("ip " + object, "'ip " + object + "' needs the model's IP objects "
                + "(org.reftrace.inet), not in this build");
    }
}
