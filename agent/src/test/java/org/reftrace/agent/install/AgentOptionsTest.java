package org.reftrace.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void noOptionsGiveTheDefaults() {
        AgentConfig config = AgentOptions.parse("", 42).config();
        assertThat(config.profile()).isEqualTo("kernel");
        assertThat(config.dumpFile()).isEqualTo(Path.of("reftrace-dump-42.json"));
        assertThat(config.dumpEvery()).isEqualTo(Duration.ZERO);
        assertThat(config.console()).isEqualTo(AgentConfig.Console.STDERR);
        assertThat(config.stacksPerSite()).isEqualTo(16);
        assertThat(config.maxHolds()).isEqualTo(2_000_000);
        assertThat(config.maxGroups()).isEqualTo(10);
        assertThat(AgentOptions.parse(null, 42).ok()).isTrue();
    }

    @Test
    void everyOptionIsRead() {
        AgentConfig config = AgentOptions.parse("profile=netdev, dump=/tmp/d.json,dumpEvery=5,console=off,"
                + "stacks=all,maxHolds=10,maxProblems=3,maxGroups=2,lingerAfter=250", 1).config();
        assertThat(config.lingerAfter()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.dumpFile()).isEqualTo(Path.of("/tmp/d.json"));
        assertThat(config.dumpEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.console()).isEqualTo(AgentConfig.Console.OFF);
        assertThat(config.stacksPerSite()).isEqualTo(AgentConfig.ALL_STACKS);
        assertThat(config.stackMode()).isEqualTo("every hold");
        assertThat(config.maxHolds()).isEqualTo(10);
        assertThat(config.maxProblems()).isEqualTo(3);
        assertThat(config.maxGroups()).isEqualTo(2);
        assertThat(AgentOptions.parse("dump=off", 1).config().dumpFile()).isNull();
        assertThat(AgentOptions.parse("stacks=0", 1).config().stackMode()).isEqualTo("none (call sites only)");
    }

    @Test
    void badOptionsAreEachOneClearLine() {
        assertThat(AgentOptions.parse("stacks=x,maxHolds=0,console=loud,profile=,bogus=1,oops,dump=", 1)
                .errors()).containsExactly(
                        "reftrace: agent option 'oops' is invalid (expected: key=value)",
                        "reftrace: agent option 'stacks=x' is invalid (expected: a whole number >= 0, or all)",
                        "reftrace: agent option 'maxHolds=0' is invalid (expected: a whole number >= 1)",
                        "reftrace: agent option 'console=loud' is invalid (expected: stderr, stdout or off)",
                        "reftrace: agent option 'profile=' is invalid (expected: kernel, inet, netdev, kmem, in_device, in_ifaddr, "
                        + "inet6_dev, inet6_ifaddr, dst, fib_info, fib6_info, nexthop, neighbour, sock, lwtunnel, netty, lucene, "
                        + "or the path of a profile file)",
                        "reftrace: agent option 'bogus' is unknown (expected one of: profile, dump, dumpEvery, console, "
                                + "stacks, maxHolds, maxProblems, maxGroups, lingerAfter, maxObjects)",
                        "reftrace: agent option 'dump=' is invalid (expected: a file path, or off)");
    }

    @Test
    void repeatedAndContradictoryOptionsAreRejected() {
        assertThat(AgentOptions.parse("stacks=1,stacks=2", 1).errors())
                .containsExactly("reftrace: agent option 'stacks' is given twice (expected: once)");
        assertThat(AgentOptions.parse("dump=off,dumpEvery=3", 1).errors()).singleElement().asString()
                .contains("dumpEvery=3").contains("needs a dump file");
    }
}
