package org.reftrace.netdev;

/** {@code dev->operstate} (RFC 2863, {@code enum if_oper_state}), as {@code rfc2863_policy()} sets it. */
public enum OperState {
    /** {@code IF_OPER_UNKNOWN}: the driver never reported carrier changes (a dummy device). */
    UNKNOWN,
    /** {@code IF_OPER_NOTPRESENT}. */
    NOTPRESENT,
    /** {@code IF_OPER_DOWN}: no carrier. */
    DOWN,
    /** {@code IF_OPER_LOWERLAYERDOWN}: no carrier because the device it depends on has none. */
    LOWERLAYERDOWN,
    /** {@code IF_OPER_TESTING}. */
    TESTING,
    /** {@code IF_OPER_DORMANT}. */
    DORMANT,
    /** {@code IF_OPER_UP}: carrier. */
    UP
}
