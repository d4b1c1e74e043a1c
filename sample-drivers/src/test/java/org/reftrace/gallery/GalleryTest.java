package org.reftrace.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reftrace.netdev.FakeClock;

/** Every scenario, both variants, on a fake clock, judged from the core's own state (no agent). */
class GalleryTest {

    static Stream<Scenario> shortScenarios() {
        return Gallery.scenarios().stream().filter(s -> !s.isLongRunning());
    }

    private static ScenarioResult run(Scenario scenario, Variant variant) {
        return run(scenario, variant, Duration.ofMillis(300));
    }

    private static ScenarioResult run(Scenario scenario, Variant variant, Duration duration) {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        RunOptions options = RunOptions.defaults(out).withClock(new FakeClock()).withDuration(duration);
        return ScenarioRunner.run(scenario, variant, options);
    }

    @ParameterizedTest(name = "{0} buggy")
    @MethodSource("shortScenarios")
    void buggyVariantEndsInItsDocumentedOutcome(Scenario scenario) {
        ScenarioResult result = run(scenario, Variant.BUGGY);
        assertThat(result.primary()).as(scenario.name() + " " + result.outcomes()).isEqualTo(scenario.buggyOutcome());
    }

    @ParameterizedTest(name = "{0} fixed")
    @MethodSource("shortScenarios")
    void fixedVariantEndsClean(Scenario scenario) {
        ScenarioResult result = run(scenario, Variant.FIXED);
        assertThat(result.outcomes()).as(scenario.name()).containsExactly(Outcome.CLEAN);
        assertThat(result.kernel().log().messages()).as(scenario.name()).allSatisfy(m ->
                assertThat(m.kind()).isEqualTo(org.reftrace.netdev.KernelMessage.Kind.MESSAGE));
    }

    @Test
    void churnLeaksWhenBuggyAndStaysCleanWhenFixed() {
        Scenario churn = Gallery.find("churn").orElseThrow();
        // long enough for a thread's 40th iteration even on a loaded machine (300 ms was not, at load 13)
        assertThat(run(churn, Variant.BUGGY, Duration.ofSeconds(3)).outcomes()).contains(Outcome.HANG);
        assertThat(run(churn, Variant.FIXED, Duration.ofSeconds(3)).outcomes()).containsExactly(Outcome.CLEAN);
    }

    @Test
    void qinqHangWaitsForTheMiddleVlanHeldByTheTopOne() {
        ScenarioResult result = run(Gallery.find("qinq-hang").orElseThrow(), Variant.BUGGY);
        assertThat(result.kernel().hangs()).extracting(h -> h.device()).startsWith("dummy0.1");
        assertThat(result.kernel().log().containing("waiting for dummy0.1 to become free. Usage count = 2"))
                .isNotEmpty();
    }

    @Test
    void vlanUnderflowIsOnTheRealDevice() {
        ScenarioResult result = run(Gallery.find("vlan-refcount-underflow").orElseThrow(), Variant.BUGGY);
        assertThat(result.kernel().log().containing("refcount_t: decrement hit 0")).singleElement()
                .satisfies(m -> assertThat(m.device()).isEqualTo("dummy1"));
    }

    @Test
    void staleRouteCacheReportsThreeTrackedUsersFromOneStack() {
        ScenarioResult result = run(Gallery.find("stale-route-cache").orElseThrow(), Variant.BUGGY);
        assertThat(result.kernel().log().containing("waiting for dummy0").get(0).text())
                .contains("Usage count = 4").contains("has 3/3 users at").contains("TunnelRouteCache.cacheRoute");
    }

    @Test
    void everyScenarioIsDocumented() {
        assertThat(Gallery.scenarios()).allSatisfy(s -> {
            assertThat(s.name()).matches("[a-z0-9-]+");
            assertThat(s.title()).isNotBlank();
            assertThat(s.explanation()).hasSizeGreaterThan(150);
        });
        assertThat(Gallery.names()).doesNotHaveDuplicates();
    }

    @Test
    void everyCulpritIsAMethodOfTheModel() throws Exception {
        List<String> classes = modelClasses();
        assertThat(Gallery.scenarios()).allSatisfy(s -> {
            assertThat(s.culprit()).as(s.name()).matches("[A-Za-z_][\\w$]*\\.[\\w$]+");
            String type = s.culprit().substring(0, s.culprit().lastIndexOf('.'));
            String method = s.culprit().substring(s.culprit().lastIndexOf('.') + 1);
            List<String> owners = classes.stream().filter(c -> c.endsWith("." + type) || c.endsWith("$" + type))
                    .toList();
            assertThat(owners).as(s.name() + ": class of culprit " + s.culprit()).hasSize(1);
            Class<?> owner = Class.forName(owners.get(0));
            assertThat(Arrays.stream(owner.getDeclaredMethods()).map(Method::getName))
                    .as(s.name() + ": method of culprit " + s.culprit()).contains(method);
        });
    }

    @Test
    void scenariosFromLaterKernelHistoryCiteTheirFixAndAreAllDifferentBugs() {
        List<Scenario> ipStack = Gallery.scenarios().stream()
                .filter(s -> s.getClass().getSimpleName().matches(
                        "NegativeAdvice.*|NexthopSource.*|RsTimer.*|MldQuery.*|DadFailure.*|IgmpTimer.*|Fib6Rule.*|"
                                + "FlowOffload.*|SockDiag.*|XskUnregister.*|LwtunnelDstCache.*"))
                .toList();
        assertThat(ipStack).hasSize(11);
        assertThat(ipStack).allSatisfy(s -> {
            assertThat(s.commits()).as(s.name()).isNotEmpty().allMatch(c -> c.matches("[0-9a-f]{12}"));
            assertThat(s.getClass().getPackageName()).isEqualTo("org.reftrace.gallery.scenarios");
        });
        assertThat(ipStack).extracting(s -> s.commits().get(0)).doesNotHaveDuplicates();
        assertThat(ipStack).extracting(Scenario::culprit).doesNotHaveDuplicates();
    }

    /** Every class compiled from the model's main sources, by binary name. */
    private static List<String> modelClasses() throws Exception {
        Path root = Path.of(Scenario.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root.resolve("org/reftrace"))) {
            return files.map(root::relativize).map(Path::toString).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).toList();
        }
    }

    @Test
    void galleryMainRejectsUnknownNamesListingTheValidOnes() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(GalleryMain.run(new String[] {"nope", "buggy"})).isEqualTo(2);
            assertThat(GalleryMain.run(new String[] {"qinq-hang", "sideways"})).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("unknown scenario 'nope' (expected one of: register-veto-double-free")
                .contains("unknown variant 'sideways' (expected: buggy or fixed)");
    }
}
