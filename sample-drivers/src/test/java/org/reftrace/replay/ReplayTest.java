package org.reftrace.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reftrace.netdev.FakeClock;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.NetDevice;

class ReplayTest {
    /** shared/kernel-logs/B1.sh: the QinQ reproducer from the cover letter of the fix. */
    static final String B1 = """
            #!/bin/sh
            # Symptom quoted:  unregister_netdevice: waiting for dummy0.1 to become free. Usage count = 1
            ip link add dummy0 type dummy
            ip link add link dummy0 name dummy0.1 type vlan id 1
            ip link add link dummy0.1 name dummy0.1.2 type vlan id 2
            rmmod 8021q
            """;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private Kernel replay(String script, String... quirks) {
        ReplayQuirks q = ReplayQuirks.parse(List.of(quirks));
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withQuirks(q.core()).withWaitEscape(Duration.ofSeconds(25)),
                new FakeClock(), null);
        ScriptParser.Script parsed = ScriptParser.parse(script);
        assertThat(parsed.errors()).isEmpty();
        new Replayer(kernel, q, new PrintStream(printed, true, StandardCharsets.UTF_8)).run(parsed.commands());
        return kernel;
    }

    @Test
    void b1HangsWithThePreFixBehavioursAndRunsCleanWithout() {
        Kernel buggy = replay(B1, "in-order-completion", "vlan-put-in-destructor");
        assertThat(buggy.hangs()).extracting(h -> h.device()).containsExactly("dummy0.1");
        assertThat(buggy.log().containing("waiting for dummy0.1 to become free. Usage count = 2")).isNotEmpty();
        Kernel fixed = replay(B1);
        assertThat(fixed.hangs()).isEmpty();
        assertThat(fixed.initNet().devices()).extracting(NetDevice::name).containsExactly("lo", "dummy0");
        // dummy0 is still there, as in the kernel after the script: its device and its stats
        assertThat(fixed.kmemleak()).extracting(a -> a.description()).allMatch(d -> d.contains("dummy0")).hasSize(2);
    }

    @Test
    void commandsRunOnAThreadNamedAfterTheirLine() {
        String[] seen = new String[1];
        Kernel kernel = Kernel.boot(KernelConfig.defaults(), new FakeClock(), null);
        org.reftrace.netdev.Dev.registerNetdeviceNotifier(kernel, (e, d) -> {
            if (e == org.reftrace.netdev.NetdevEvent.REGISTER && d.name().equals("v1")) {
                seen[0] = Thread.currentThread().getName();
            }
            return 0;
        });
        ScriptParser.Script parsed = ScriptParser.parse("# setup\nip link add v1 type veth peer name v2\n");
        new Replayer(kernel, ReplayQuirks.parse(List.of()), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(parsed.commands());
        assertThat(seen[0]).isEqualTo("line 2 (command 1): ip link add v1 type veth peer name v2");
        assertThat(Thread.currentThread().getName()).doesNotStartWith("line ");
    }

    @Test
    void namespacesBridgesAndModuleRemovalReplay() {
        Kernel kernel = replay("""
                ip netns add blue
                ip -n blue link add br0 type bridge
                ip netns exec blue ip link add d0 type dummy
                ip -n blue link set d0 master br0 up
                ip link add v0 type veth peer name v1
                ip link set v1 netns blue
                ip -n blue link set v1 nomaster
                ip link del v0
                ip netns del blue
                modprobe -r dummy
                rmmod dummy
                """);
        assertThat(kernel.hangs()).isEmpty();
        assertThat(kernel.namespaces()).hasSize(1);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("RTNETLINK answers: -EINVAL")           // v1 was never a bridge port
                .contains("rmmod: ERROR: Module dummy is not currently loaded");
        assertThat(kernel.kmemleak()).isEmpty();
    }

    @Test
    void unsupportedCommandsOptionsAndTypesNameTheLineAndWhatIsSupported() {
        ScriptParser.Script parsed = ScriptParser.parse("""
                ip link add dummy0 type dummy
                tc qdisc add dev dummy0 root noqueue
                ip link add vx0 type vxlan id 42
                ip link add link dummy0 name dummy0.5 type vlan id 5 protocol 802.1ad
                ip addr add 10.0.0.1/24 dev dummy0
                """);
        assertThat(parsed.commands()).hasSize(1);
        assertThat(parsed.errors()).extracting(ScriptParser.Error::toString).containsExactly(
                "line 2: unsupported command 'tc' (supported: " + ScriptParser.SUPPORTED + "): tc qdisc add dev dummy0 root noqueue",
                "line 3: unsupported link type 'vxlan' (supported: bridge, dummy, macvlan, sit, veth, vlan): ip link add vx0 type vxlan id 42",
                "line 4: unsupported option 'protocol' for type vlan (supported: id): ip link add link dummy0 name dummy0.5 type vlan id 5 protocol 802.1ad",
                "line 5: unsupported command (supported: " + ScriptParser.SUPPORTED + "): ip addr add 10.0.0.1/24 dev dummy0");
    }

    @Test
    void unknownQuirksListTheValidOnes() {
        assertThatThrownBy(() -> ReplayQuirks.parse(List.of("faster"))).hasMessageStartingWith(
                "unknown quirk 'faster' (expected one of: legacy-destructor,").hasMessageContaining("vlan-put-in-destructor");
    }
}
