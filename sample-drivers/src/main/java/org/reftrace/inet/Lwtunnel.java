package org.reftrace.inet;

import org.reftrace.netdev.Kernel;

/**
 * {@code include/net/lwtunnel.h}: references on {@link LwtunnelState}s.
 *
 * <table>
 * <caption>References</caption>
 * <tr><th>function</th><th>what it does to the count</th></tr>
 * <tr><td>{@link #lwtunnelBuildState}</td><td>alloc: refcnt 1, the caller's</td></tr>
 * <tr><td>{@link #lwtstateGet}</td><td>+1 (NULL-safe); returns its argument</td></tr>
 * <tr><td>{@link #lwtstatePut}</td><td>-1 (NULL-safe); the last frees it, releasing its cached dst</td></tr>
 * </table>
 */
public final class Lwtunnel {
    private Lwtunnel() {}

    /** {@code lwtunnel_build_state()} for an encapsulation of {@code type} (e.g. {@code ioam6}). */
    public static LwtunnelState lwtunnelBuildState(Kernel kernel, String type) {
        return new LwtunnelState(kernel, type);
    }

    /** {@code lwtstate_get(lws)}. */
    public static LwtunnelState lwtstateGet(LwtunnelState lws) {
        if (lws != null) {
            lws.inc("lwtstate_get");
        }
        return lws;
    }

    /** {@code lwtstate_put(lws)}: the last put runs {@code lwtstate_free()}. */
    public static void lwtstatePut(LwtunnelState lws) {
        if (lws != null && lws.decAndTest("lwtstate_put")) {
            lws.free();
        }
    }
}
