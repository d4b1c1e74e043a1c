package org.reftrace.replay;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.reftrace.drivers.Sit;
import org.reftrace.drivers.Vlan;
import org.reftrace.netdev.Quirk;

/**
 * The pre-fix behaviours a replay can switch on by name: the core's quirks ({@link Quirk#optionName()}) and the
 * sample drivers' older eras.
 *
 * @param core      core quirks
 * @param vlanRef   where the vlan driver takes and drops its reference on the real device
 * @param sitRef    where the sit driver takes its self-reference
 */
public record ReplayQuirks(Set<Quirk> core, Vlan.RealDevRef vlanRef, Sit.SelfRef sitRef) {
    /** The drivers' era switches. */
    public static final List<String> DRIVER_QUIRKS = List.of("vlan-put-in-destructor", "vlan-hold-after-register",
            "sit-hold-after-register");

    /** Every name {@link #parse} accepts. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Quirk q : Quirk.values()) {
            names.add(q.optionName());
        }
        names.addAll(DRIVER_QUIRKS);
        return names;
    }

    /** Parses quirk names; an unknown one is an {@link IllegalArgumentException} listing the valid ones. */
    public static ReplayQuirks parse(List<String> names) {
        Set<Quirk> core = EnumSet.noneOf(Quirk.class);
        Vlan.RealDevRef vlan = Vlan.RealDevRef.HOLD_IN_INIT_PUT_IN_UNINIT;
        Sit.SelfRef sit = Sit.SelfRef.HOLD_IN_INIT;
        for (String name : names) {
            switch (name) {
                case "vlan-put-in-destructor" -> vlan = Vlan.RealDevRef.HOLD_IN_INIT_PUT_IN_DESTRUCTOR;
                case "vlan-hold-after-register" -> vlan = Vlan.RealDevRef.HOLD_AFTER_REGISTER_PUT_IN_DESTRUCTOR;
                case "sit-hold-after-register" -> sit = Sit.SelfRef.HOLD_AFTER_REGISTER;
                default -> {
                    try {
                        core.add(Quirk.fromOptionName(name));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown quirk '" + name + "' (expected one of: "
                                + String.join(", ", names()) + ")");
                    }
                }
            }
        }
        return new ReplayQuirks(core, vlan, sit);
    }
}
