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
import org.reftrace.analysis.Finding;
import org.reftrace.analysis.Verdict;
import org.reftrace.gallery.Gallery;
import org.reftrace.gallery.Scenario;

/**
 * Every gallery scenario in a real JVM under {@code -javaagent}, on every JDK we have: the buggy variant's dump
 * names the right problem, object, call site and owner first; every fixed variant reports nothing.
 */
class GalleryUnderAgentIT {

    /**
     * What the report must lead with for a buggy variant: its top finding (the shared ranking every report uses)
     * names {@code culprit} (a call site, or for a leak with no site, the object).
     */
    record Expected(String scenario, String culprit) {}

    static final List<Expected> EXPECTED = List.of(
            new Expected("register-veto-double-free", "RegisterVetoDoubleFree.run"),
            new Expected("rollback-kobject-leak", "never-freed: eth0"),
            new Expected("rollback-rcu-put-after-free", "Inet.lambda$inetdevDestroy"),
            new Expected("destructor-split-leak", "DestructorSplitLeak.run"),
            new Expected("newlink-free-unregistering", "Rtnetlink.freeAfterFailedNewlink"),
            new Expected("newlink-leak-before-register", "never-freed: eth9.5"),
            new Expected("free-after-unregister-under-rtnl", "FreeAfterUnregisterUnderRtnl.run"),
            new Expected("veto-needs-free-double-free", "VetoNeedsFreeDoubleFree.run"),
            new Expected("vlan-refcount-underflow", "Vlan.vlanDevFree"),
            new Expected("qinq-hang", "Vlan$1.ndoInit"),
            new Expected("sit-self-reference", "Sit$1.ndoUninit"),
            new Expected("shared-tracker", "PacketSocket.bind"),
            new Expected("lookup-leak-error-path", "LinkConfigurator.setMtu"),
            new Expected("stale-route-cache", "TunnelRouteCache.cacheRoute"),
            new Expected("deaf-notifier", "TrafficMonitor.watch"));

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
    void buggyVariantLeadsWithItsCulprit(String java, Expected expected) throws Exception {
        Dump dump = run(java, expected.scenario(), "buggy");
        Verdict verdict = Verdict.of(dump);
        assertThat(verdict.leaks()).isTrue();
        Finding top = verdict.top();
        assertThat(top).isNotNull();
        String named = top.site() != null && !expected.culprit().contains(": ") ? top.site() : top.headline();
        assertThat(named).as(expected.scenario() + ": " + verdict.findings().stream().map(Finding::headline).toList())
                .contains(expected.culprit());
    }

    @ParameterizedTest(name = "{1} fixed on {0}")
    @MethodSource("runs")
    void fixedVariantReportsNothing(String java, Expected expected) throws Exception {
        Dump dump = run(java, expected.scenario(), "fixed");
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.summary().lingeringHolders()).isZero();
        assertThat(Verdict.of(dump).leaks()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void everyShortScenarioHasAnExpectation() {
        assertThat(EXPECTED).extracting(Expected::scenario).containsExactlyInAnyOrderElementsOf(
                Gallery.scenarios().stream().filter(s -> !s.isLongRunning()).map(Scenario::name).toList());
    }
}
