package org.reftrace.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs under the agent (see this module's pom): the extension fails the leaky test, naming its holder. */
class ReftraceExtensionTest {

    @Test
    void aTestThatLeavesAReferenceHeldFailsNamingTheHolder() {
        EngineTestKit.engine("junit-jupiter").selectors(selectMethod(LeakyExamples.class, "leavesAReferenceInACache"))
                .execute().testEvents().assertThatEvents().haveExactly(1, event(test("leavesAReferenceInACache"),
                        finishedWithFailure(instanceOf(AssertionError.class), message(m -> m.startsWith(
                                "reftrace: 1 reference is still held\n  cached held by LeakyExamples$Cache@")
                                && m.contains("taken at org.reftrace.junit.LeakyExamples$Cache.put(LeakyExamples.java:")
                                && m.endsWith("on thread main")))));
    }

    @Test
    void aTestThatReleasesEverythingPasses() {
        EngineTestKit.engine("junit-jupiter").selectors(selectMethod(LeakyExamples.class, "releasesEverything"))
                .execute().testEvents().assertThatEvents()
                .haveExactly(1, event(test("releasesEverything"), finishedSuccessfully()));
    }

    @Test
    void thePlainCheckCallWorksWithoutJUnit() {
        long mark = Reftrace.mark();
        Buffer b = Buffer.allocate("plain");
        assertThatThrownBy(() -> Reftrace.check(mark)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("plain held by ReftraceExtensionTest@");
        b.release();
        Reftrace.check(mark);
        assertThat(Reftrace.heldSince(mark)).isNull();
    }
}
