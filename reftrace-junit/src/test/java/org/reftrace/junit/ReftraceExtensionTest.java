package org.reftrace.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs under the agent (see this module's pom): the extension fails the leaky test, naming its holder. */
class ReftraceExtensionTest {

    @Test
    void aTestThatLeavesAReferenceHeldFailsNamingTheHolder() {
        EngineTestKit.engine("junit-jupiter").selectors(selectMethod(LeakyExamples.class, "leavesAReferenceInACache"))
                .execute().testEvents().assertThatEvents().haveExactly(1, event(test("leavesAReferenceInACache"),
                        finishedWithFailure(instanceOf(AssertionError.class), message(m -> m.startsWith(
                                "reftrace: 1 reference is still held\n  1 reference keeping cached, taken at "
                                + "org.reftrace.junit.LeakyExamples$Cache.put(LeakyExamples.java:")
                                && m.contains(" by LeakyExamples$Cache@") && m.contains("on thread main")))));
    }

    @Test
    void aTestThatReleasesEverythingPasses() {
        EngineTestKit.engine("junit-jupiter").selectors(selectMethod(LeakyExamples.class, "releasesEverything"))
                .execute().testEvents().assertThatEvents()
                .haveExactly(1, event(test("releasesEverything"), finishedSuccessfully()));
    }

    @Test
    void testsRunInParallelNeverSeeEachOthersReferences() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ParallelExamples.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .execute().testEvents().assertThatEvents()
                .haveExactly(1, event(test("staysCleanWhileTheOtherLeaks"), finishedSuccessfully()))
                .haveExactly(1, event(test("leaksWhileTheOtherRuns"), finishedWithFailure(
                        message(m -> m.contains("parallel-leak") && !m.contains("parallel-clean")))));
    }

    @Test
    void thePlainCheckCallWorksWithoutJUnit() {
        long mark = Reftrace.mark();
        Buffer b = Buffer.allocate("plain");
        assertThatThrownBy(() -> Reftrace.check(mark)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("keeping plain, taken at").hasMessageContaining("by ReftraceExtensionTest@");
        b.release();
        Reftrace.check(mark);
        assertThat(Reftrace.heldSince(mark)).isNull();
    }

    @Test
    void aProfileThatMisspellsAMethodFailsTestModeSayingWhich() throws Exception {
        Path agent = Path.of("../agent/target/reftrace-agent.jar").toAbsolutePath();
        Path profile = Path.of("src/test/resources/typo.profile").toAbsolutePath();
        String classpath = Path.of("target/test-classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target/classes").toAbsolutePath();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-javaagent:" + agent + "=profile=" + profile + ",dump=off,console=off", "-cp", classpath,
                TypoProfileMain.class.getName())).redirectErrorStream(true).start();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String line = "profile " + profile + ":5: hold = org.reftrace.junit.Buffer#retian() does not exist in "
                + "org.reftrace.junit.Buffer";
        assertThat(printed).contains("reftrace: " + line).contains("check failed: reftrace: " + line);
    }
}
