package org.reftrace.drivers;

import java.util.Locale;

/** {@code BOND_MODE_*}: how a bond uses its slaves, by number or by the name {@code ip link} uses. */
public enum BondMode {
    BALANCE_RR("balance-rr"),
    ACTIVE_BACKUP("active-backup"),
    BALANCE_XOR("balance-xor"),
    BROADCAST("broadcast"),
    IEEE_8023AD("802.3ad"),
    BALANCE_TLB("balance-tlb"),
    BALANCE_ALB("balance-alb");

    private final String label;

    BondMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** {@code bond_uses_primary()}: one active slave at a time, the others backups. */
    boolean usesPrimary() {
        return this == ACTIVE_BACKUP || this == BALANCE_TLB || this == BALANCE_ALB;
    }

    /** {@code bond_mode_can_use_xmit_hash()}. */
    boolean usesXmitHash() {
        return this == BALANCE_XOR || this == IEEE_8023AD || this == BALANCE_TLB;
    }

    /** Parses {@code 1} or {@code active-backup}; {@code null} for anything else. */
    static BondMode parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (BondMode m : values()) {
            if (m.label.equals(t) || Integer.toString(m.ordinal()).equals(t)) {
                return m;
            }
        }
        return null;
    }
}
