package org.reftrace.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;
import org.reftrace.dump.Problem;
import org.reftrace.gallery.Gallery;
import org.reftrace.gallery.Scenario;

/**
 * Every gallery scenario in a real JVM under {@code -javaagent}, on every JDK we have: the buggy variant's dump
 * names the right problem, object, call site and owner first; every fixed variant reports nothing.
 */
class GalleryUnderAgentIT {

    /** What the agent must report first for a buggy variant; {@code null} type: not a reference bug. */
    record Expected(String scenario, String type, String object, String site, String owner) {}

    static final List<Expected> EXPECTED = List.of(
            new Expected("register-veto-double-free", "double-free", "eth0", "RegisterVetoDoubleFree.run", null),
            new Expected("rollback-kobject-leak", "never-freed", "eth0", null, null),
            new Expected("rollback-rcu-put-after-free", "use-after-free", "eth0", "Inet.lambda$inetdevDestroy", null),
            // private state leaked through kmalloc, not through a reference: invisible to a reference profiler
            new Expected("destructor-split-leak", null, null, null, null),
            // a kernel BUG in the core's own free path; the device still goes through the todo list cleanly
            new Expected("newlink-free-unregistering", null, null, null, null),
            new Expected("newlink-leak-before-register", "never-freed", "eth9.5", null, null),
            new Expected("free-after-unregister-under-rtnl", "never-freed", "eth0", null, null),
            new Expected("veto-needs-free-double-free", "double-free", "eth0", "VetoNeedsFreeDoubleFree.run", null),
            new Expected("vlan-refcount-underflow", "put-without-hold", "dummy1", "Vlan.vlanDevFree", null),
            new Expected("qinq-hang", "lingering-holders", "dummy0.1", "Vlan$1.ndoInit", "dummy0.1.2 (NetDevice)"),
            new Expected("sit-self-reference", "refcount-underflow", "sit1", "Sit$1.ndoUninit", null),
            new Expected("shared-tracker", "tracker-reused", "dummy0", "PacketSocket.bind", null),
            new Expected("lookup-leak-error-path", "lingering-holders", "dummy0", "LinkConfigurator.setMtu",
                    "LookupLeakOnErrorPath$LinkConfigurator@"),
            new Expected("stale-route-cache", "lingering-holders", "dummy0", "TunnelRouteCache.cacheRoute",
                    "StaleRouteCache$TunnelRouteCache@"),
            new Expected("deaf-notifier", "lingering-holders", "dummy1", "TrafficMonitor.watch",
                    "DeafNotifier$TrafficMonitor@"));

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (String java : ForkedJvm.javas()) {
            for (Expected e : EXPECTED) {
                runs.add(Arguments.of(java, e));
            }
        }
        return runs.stream();
    }

    @TempDir
    Path dir;

    private Dump run(String java, String scenario, String variant) throws Exception {
        Path dump = dir.resolve("dump.json");
        ForkedJvm.Result result = ForkedJvm.run(java, "dump=" + dump, "org.reftrace.gallery.GalleryMain",
                List.of(scenario, variant), dir);
        assertThat(result.exitCode()).as(scenario + " " + variant + " exit; stderr:\n" + result.stderr()).isZero();
        assertThat(result.stderr()).doesNotContain("the agent failed to start").doesNotContain("Exception");
        assertThat(Files.exists(dump)).as("dump written").isTrue();
        Dump read = DumpReader.read(dump);
        assertThat(read.health().adviceFailures()).as("advice failures").isZero();
        assertThat(read.health().failedToInstrument()).as("failed to instrument").isEmpty();
        return read;
    }

    @ParameterizedTest(name = "{1} buggy on {0}")
    @MethodSource("runs")
    void buggyVariantIsNamedFirst(String java, Expected expected) throws Exception {
        Dump dump = run(java, expected.scenario(), "buggy");
        if (expected.type() == null) {
            assertThat(dump.problems()).as("not a reference bug").isEmpty();
            return;
        }
        assertThat(dump.problems()).isNotEmpty();
        Problem first = dump.problems().get(0);
        assertThat(first.type()).isEqualTo(expected.type());
        assertThat(first.object()).isEqualTo(expected.object());
        if (expected.site() != null) {
            assertThat(first.site()).contains(expected.site());
        }
        if (expected.owner() != null) {
            assertThat(first.message()).contains("by " + expected.owner());
        }
    }

    @ParameterizedTest(name = "{1} fixed on {0}")
    @MethodSource("runs")
    void fixedVariantReportsNothing(String java, Expected expected) throws Exception {
        Dump dump = run(java, expected.scenario(), "fixed");
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.summary().lingeringHolders()).isZero();
    }

    @org.junit.jupiter.api.Test
    void everyShortScenarioHasAnExpectation() {
        assertThat(EXPECTED).extracting(Expected::scenario).containsExactlyInAnyOrderElementsOf(
                Gallery.scenarios().stream().filter(s -> !s.isLongRunning()).map(Scenario::name).toList());
    }
}
