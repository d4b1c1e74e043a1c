package org.reftrace.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reftrace.netdev.FakeClock;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.KernelMessage;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.replay.shell.Ledger;

/**
 * Scripts nobody here wrote, kept in {@code src/test/resources/replay} as close to their source as possible (each
 * names it in a header line): kernel selftests that build veth, vlan, bridge, bond and namespace topologies and
 * tear them down, and reproducers quoted in commit messages and on the mailing list. Each is replayed as a new user
 * would, with {@code --keep-going}, on the fixed kernel: at least 90% of its lifecycle command lines run, and it
 * tears down clean (no hung wait, no BUG or memory error, nothing left but what the script leaves itself).
 */
class RealScriptsTest {
    /** What each script leaves behind in init_net on purpose: the reproducers do not clean up. */
    private static final Map<String, Set<String>> LEFT = Map.of(
            "B1.sh", Set.of("lo", "dummy0"),
            "d6ff94afd90b.txt", Set.of("lo", "dummy0"),
            "bond-fail-over-mac-follow.txt", Set.of("lo", "veth0", "veth1", "bond0"));

    @ParameterizedTest
    @ValueSource(strings = {"vlan_hw_filter.sh", "bond-arp-interval-causes-panic.sh", "bond-break-lacpdu-tx.sh",
            "fib_nexthop_nongw.sh", "arp_ndisc_evict_nocarrier.sh", "unicast_extensions.sh", "bond-lladdr-target.sh",
            "netns-name.sh", "B1.sh", "d6ff94afd90b.txt", "bond-fail-over-mac-follow.txt"})
    void aRealScriptRunsAndTearsDownClean(String name) throws URISyntaxException {
        String text = ReplayTest.resource(name);
        assertThat(text.lines().limit(3)).as("the header names the source").anyMatch(l -> l.contains("Source:"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withWaitEscape(Duration.ofSeconds(25)), new FakeClock(),
                null);
        Path dir = Path.of(RealScriptsTest.class.getResource("/replay/" + name).toURI()).getParent();
        ReplayScript script = ReplayScript.read(name, text, dir);
        Replayer.Result result = new Replayer(kernel, ReplayQuirks.parse(List.of()),
                new PrintStream(printed, true, StandardCharsets.UTF_8), dir, true).replay(script);

        Ledger ledger = result.ledger();
        Map<Ledger.Outcome, Integer> counts = ledger.counts();
        List<String> unsupported = ledger.entries().stream().filter(e -> e.outcome() == Ledger.Outcome.UNSUPPORTED)
                .map(e -> e.file() + ":" + e.line() + " " + e.detail()).toList();
        System.out.printf("%-36s ran %3d, unsupported %2d, skipped %3d, shell %3d, not reached %2d: %5.1f%% ran%s%n",
                name, counts.get(Ledger.Outcome.RAN), counts.get(Ledger.Outcome.UNSUPPORTED),
                counts.get(Ledger.Outcome.SKIPPED), counts.get(Ledger.Outcome.SHELL), ledger.notReached().size(),
                ledger.ranFraction() * 100, unsupported.isEmpty() ? "" : " " + unsupported);
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(result.stopped()).isNull();
        assertThat(script.problems()).as("what is found before running is what is counted unsupported")
                .allSatisfy(p -> assertThat(unsupported).anyMatch(u -> u.startsWith(name + ":" + p.line() + " ")));
        assertThat(counts.get(Ledger.Outcome.RAN)).as(output).isGreaterThanOrEqualTo(4);
        assertThat(ledger.ranFraction()).as(output).isGreaterThanOrEqualTo(0.9);
        assertThat(kernel.hangs()).as(output).isEmpty();
        assertThat(kernel.log().messages()).as(output).noneMatch(m -> m.kind() == KernelMessage.Kind.BUG
                || m.kind() == KernelMessage.Kind.MEMORY || m.kind() == KernelMessage.Kind.WARN);
        assertThat(kernel.namespaces()).extracting(Net::name).as(output).containsExactly("init_net");
        Set<String> left = LEFT.getOrDefault(name, Set.of("lo"));
        assertThat(kernel.initNet().devices()).extracting(NetDevice::name).as(output)
                .containsExactlyInAnyOrderElementsOf(left);
        Set<String> unfreed = kernel.kmemleak().stream().map(a -> a.description()).filter(d -> left.stream()
                .filter(n -> !n.equals("lo")).noneMatch(d::contains)).collect(Collectors.toSet());
        assertThat(unfreed).as(output).isEmpty();
    }
}
