package org.reftrace.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reftrace.netdev.FakeClock;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.WaitHang;
import org.reftrace.replay.shell.Ledger;

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
    private Replayer.Result result;

    private Kernel replay(String script, String... quirks) {
        return replay(script, true, quirks);
    }

    private Kernel replay(String script, boolean keepGoing, String... quirks) {
        ReplayQuirks q = ReplayQuirks.parse(List.of(quirks));
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withQuirks(q.core()).withWaitEscape(Duration.ofSeconds(25)),
                new FakeClock(), null);
        ReplayScript parsed = ReplayScript.read("t.sh", script);
        Replayer replayer = new Replayer(kernel, q, new PrintStream(printed, true, StandardCharsets.UTF_8), Path.of("."),
                keepGoing);
        result = replayer.replay(parsed);
        return kernel;
    }

    /** As {@link #replay}, with a notifier registered before the script runs. */
    private Kernel replayWatching(String script, org.reftrace.netdev.NetdevNotifier watcher, String... quirks) {
        ReplayQuirks q = ReplayQuirks.parse(List.of(quirks));
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withQuirks(q.core()).withWaitEscape(Duration.ofSeconds(25)),
                new FakeClock(), null);
        org.reftrace.netdev.Dev.registerNetdeviceNotifier(kernel, watcher);
        Replayer replayer = new Replayer(kernel, q, new PrintStream(printed, true, StandardCharsets.UTF_8), Path.of("."),
                true);
        result = replayer.replay(ReplayScript.read("t.sh", script));
        return kernel;
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    static String resource(String name) {
        try (InputStream in = ReplayTest.class.getResourceAsStream("/replay/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void b1HangsWithThePreFixBehavioursAndRunsCleanWithout() {
        Kernel buggy = replay(B1, "in-order-completion", "vlan-put-in-destructor");
        assertThat(buggy.hangs()).extracting(WaitHang::device).containsExactly("dummy0.1");
        assertThat(buggy.log().containing("waiting for dummy0.1 to become free. Usage count = 2")).isNotEmpty();
        Kernel fixed = replay(B1);
        assertThat(fixed.hangs()).isEmpty();
        assertThat(fixed.initNet().devices()).extracting(NetDevice::name).containsExactly("lo", "dummy0");
        // dummy0 is still there, as in the kernel after the script: its device and its stats
        assertThat(fixed.kmemleak()).extracting(a -> a.description()).allMatch(d -> d.contains("dummy0")).hasSize(2);
    }

    /** The reproducer exactly as d6ff94afd90b's commit message quotes it, root prompts and output included. */
    @Test
    void theCommitMessageWithItsRootPromptsReplaysTheFourCommands() {
        String[] createdOn = new String[1];
        Kernel buggy = replayWatching(resource("d6ff94afd90b.txt"), (e, d) -> {
            if (e == org.reftrace.netdev.NetdevEvent.REGISTER && d.name().equals("dummy0.1.2")) {
                createdOn[0] = Thread.currentThread().getName(); // where vlan_dev_init() takes dummy0.1
            }
            return 0;
        }, "in-order-completion", "vlan-put-in-destructor");
        assertThat(buggy.hangs()).extracting(WaitHang::device).containsExactly("dummy0.1");
        assertThat(createdOn[0]).as("the line of the commit message that made dummy0.1.2")
                .isEqualTo("line 8 (command 3): ip link add link dummy0.1 name dummy0.1.2 type vlan id 2");
        assertThat(result.ledger().counts().get(Ledger.Outcome.RAN)).isEqualTo(4);
        assertThat(result.ledger().counts().get(Ledger.Outcome.UNSUPPORTED)).isZero();
        assertThat(printed()).contains("$ ip link add link dummy0.1 name dummy0.1.2 type vlan id 2");
        Kernel fixed = replay(resource("d6ff94afd90b.txt"));
        assertThat(fixed.hangs()).isEmpty();
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
        new Replayer(kernel, ReplayQuirks.parse(List.of()), new PrintStream(printed, true, StandardCharsets.UTF_8),
                Path.of("."), true).replay(ReplayScript.read("t.sh", "# setup\nip link add v1 type veth peer name v2\n"));
        assertThat(seen[0]).isEqualTo("line 2 (command 1): ip link add v1 type veth peer name v2");
        assertThat(Thread.currentThread().getName()).doesNotStartWith("line ");
    }

    @Test
    void variablesQuotesAndLoopsAreExpandedBeforeTheModelSeesThem() {
        Kernel kernel = replay("""
                ns=x; ip netns add $ns
                ip netns add "t1"
                ip netns del "t1"
                for i in 1 2; do
                	ip -netns $ns link add "d$i" type dummy
                done
                """);
        assertThat(org.reftrace.netdev.Dev.netnsFind(kernel, "x")).isNotNull();
        assertThat(org.reftrace.netdev.Dev.netnsFind(kernel, "$ns")).isNull();
        assertThat(org.reftrace.netdev.Dev.netnsFind(kernel, "t1")).isNull();
        assertThat(org.reftrace.netdev.Dev.netnsFind(kernel, "x").devices()).extracting(NetDevice::name)
                .containsExactly("lo", "d1", "d2");
    }

    @Test
    void iprouteSpellingsContinuationsAndItsErrorTexts() {
        Kernel kernel = replay("""
                ip link add dummy0 up type dummy
                ip link add dummy0 type dummy
                ip link add link nosuch name v type vlan id 1
                ip l s dev dummy0 \\
                	down
                ip link del dummy1
                ip link add v0 type veth peer name v1
                ip link set v0 mtu 70000
                """);
        assertThat(printed()).contains("RTNETLINK answers: File exists")
                .contains("Cannot find device \"nosuch\"")
                .contains("Cannot find device \"dummy1\"")
                .contains("RTNETLINK answers: Invalid argument");
        NetDevice dummy0 = kernel.initNet().devices().get(1);
        assertThat(dummy0.name()).isEqualTo("dummy0");
        assertThat(dummy0.isUp()).isFalse();
        assertThat(result.ledger().ranFraction()).isEqualTo(1.0);
    }

    /** net/8021q/vlan.c vlan_device_event(): NETDEV_UNREGISTER of a NETREG_REGISTERED device is a netns move. */
    @Test
    void movingAVlansRealDeviceToAnotherNamespaceKeepsTheVlan() {
        Kernel kernel = replay("""
                ip netns add blue
                ip link add d0 type dummy
                ip link add link d0 name d0.5 type vlan id 5
                ip link set d0 netns blue
                """);
        assertThat(kernel.initNet().devices()).extracting(NetDevice::name).containsExactly("lo", "d0.5");
        assertThat(org.reftrace.netdev.Dev.netnsFind(kernel, "blue").devices()).extracting(NetDevice::name)
                .containsExactly("lo", "d0");
    }

    @Test
    void bondsBridgesAndVethsBuildAndTearDownClean() {
        Kernel kernel = replay("""
                ip link add br0 type bridge
                ip link add bond0 type bond mode active-backup miimon 100
                ip link add veth0 type veth peer name veth1
                ip link add veth2 type veth peer name veth3
                ip link set veth0 master bond0
                ip link set veth2 down master bond0
                ip link set bond0 master br0
                ip link set bond0 up
                ip link set veth1 up
                ip link set veth3 up
                ip link set br0 up
                sleep 1
                ip link set veth2 nomaster
                ip link del bond0
                ip link del br0
                ip link del veth0
                ip link del veth2
                modprobe -r bonding
                """);
        assertThat(kernel.hangs()).isEmpty();
        assertThat(kernel.initNet().devices()).extracting(NetDevice::name).containsExactly("lo");
        assertThat(kernel.kmemleak()).isEmpty();
        assertThat(kernel.log().messages()).allSatisfy(m ->
                assertThat(m.kind()).isEqualTo(org.reftrace.netdev.KernelMessage.Kind.MESSAGE));
    }

    /** net/core/net_namespace.c: cleanup_net() runs on the netns workqueue; a leak hangs the kworker. */
    @Test
    void aNamespaceWhoseDeviceLeaksHangsTheNetnsKworkerNotTheCommand() {
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withWaitEscape(Duration.ofSeconds(25)), new FakeClock(),
                null);
        org.reftrace.netdev.Dev.registerNetdeviceNotifier(kernel, (e, d) -> {
            if (e == org.reftrace.netdev.NetdevEvent.REGISTER && d.name().equals("leaky")) {
                org.reftrace.netdev.Dev.devHold(d); // somebody forgets its dev_put
            }
            return 0;
        });
        String[] hungOn = new String[1];
        org.reftrace.netdev.Dev.registerNetdeviceNotifier(kernel, (e, d) -> {
            if (e == org.reftrace.netdev.NetdevEvent.UNREGISTER && d.name().equals("leaky") && hungOn[0] == null) {
                hungOn[0] = Thread.currentThread().getName();
            }
            return 0;
        });
        Replayer replayer = new Replayer(kernel, ReplayQuirks.parse(List.of()),
                new PrintStream(printed, true, StandardCharsets.UTF_8), Path.of("."), true);
        result = replayer.replay(ReplayScript.read("t.sh", """
                ip netns add n1
                ip -n n1 link add leaky type dummy
                ip netns del n1
                ip netns add n1
                """));
        assertThat(kernel.hangs()).extracting(WaitHang::device).containsExactly("leaky");
        assertThat(hungOn[0]).startsWith("kworker/").endsWith("-netns");
        assertThat(org.reftrace.netdev.Dev.netnsFind(kernel, "n1")).as("the name was free again at once").isNotNull();
    }

    @Test
    void unsupportedLinesAreReportedOnceWithTheirTokenAndTheRestRuns() {
        ReplayScript parsed = ReplayScript.read("t.sh", """
                ip link add dummy0 type dummy
                frobnicate --now
                for i in 1 2 3; do ip link add vx$i type vxlan id 4$i; done
                ip link add link dummy0 name dummy0.5 type vlan id 5 egress-qos-map 1:2
                ethtool -K dummy0 tso off
                """);
        assertThat(parsed.problems()).extracting(e -> e.line() + ":" + e.token()).containsExactly("2:frobnicate");
        Kernel kernel = replay(parsed.text());
        assertThat(printed()).containsOnlyOnce("'vxlan' is not supported");
        assertThat(kernel.initNet().devices()).extracting(NetDevice::name).containsExactly("lo", "dummy0", "dummy0.5");
        assertThat(result.ledger().counts()).containsEntry(Ledger.Outcome.RAN, 2)
                .containsEntry(Ledger.Outcome.UNSUPPORTED, 2).containsEntry(Ledger.Outcome.SKIPPED, 1);
    }

    @Test
    void withoutKeepGoingTheReplayStopsAtTheFirstUnsupportedCommand() {
        Kernel kernel = replay("ip link add d0 type dummy\nx=vxlan\nip link add v0 type $x\nip link add d1 type dummy\n",
                false);
        assertThat(result.stopped()).contains("t.sh:3: 'vxlan' is not supported");
        assertThat(kernel.initNet().devices()).extracting(NetDevice::name).containsExactly("lo", "d0");
        assertThat(ReplayScript.read("t.sh", "ip link add d0 type dummy\nip netns exec x ip -n y link add vx0 "
                + "type vxlan id 1\nip link set d0 up altname x\n").problems())
                .as("written out in full: found before running").extracting(e -> e.line() + ":" + e.token())
                .containsExactly("2:vxlan", "3:altname");
    }

    /**
     * net/core/neighbour.c {@code __neigh_lookup(..., creat)}: the first packet resolves the next hop, an entry that
     * holds its device ({@code netdev_hold(dev, &n->dev_tracker)}) until {@code neigh_ifdown()} on unregister.
     */
    @Test
    void pingResolvesANeighbourThatHoldsTheDeviceUntilItGoes() {
        Kernel kernel = replay("""
                ip link add v0 type veth peer name v1
                ip link set v0 up
                ip link set v1 up
                ip addr add 10.0.0.1/24 dev v0
                ping -c 3 10.0.0.2 > /dev/null && echo sent
                ip neigh get 10.0.0.2 dev v0 | grep -q "^10.0.0.2 dev v0" && echo resolved
                ping -c 1 10.9.9.9 || echo "unreachable $?"
                ip route get 10.0.0.2
                ip -o link show | grep -c '@'
                ip -o link show | grep -vE 'v[01]@' | wc -l
                ip link del v0
                ip neigh get 10.0.0.2 dev v0 || echo "gone $?"
                """);
        assertThat(printed()).contains("sent\n", "resolved\n", "ping: connect: Network is unreachable",
                "unreachable 2\n", "10.0.0.2 dev v0 uid 0\n    cache\n", "\n2\n", "\n1\n", "gone 1\n");
        assertThat(kernel.clock().nanoTime()).as("ping -c 3 takes two intervals").isGreaterThanOrEqualTo(2_000_000_000L);
        assertThat(kernel.hangs()).isEmpty();
        assertThat(kernel.kmemleak()).isEmpty();
    }

    /** The text tools scripts pick values out of {@code ip} output with. */
    @Test
    void grepSortCutTrAndFieldPrintingAwkAnswerAsTheToolsDo() {
        replay("""
                ip link add d1 mtu 9000 type dummy
                ip link add d0 type dummy
                ip -o link show | awk '{print $2}' | tr -d : | sort | tr '\\n' ' '
                echo
                ip link show d1 | awk '/mtu/ {print $5}'
                echo "a:b:c" | cut -d: -f2-
                printf "b 2\\na 10\\nb 2\\n" | sort -n -k2 | uniq -c
                ip link show d0 | grep -c 'state' || echo none
                echo 1 2 | awk '{ s += $1 } END { print s }'
                """);
        assertThat(printed()).contains("d0 d1 lo \n", "\n9000\n", "\nb:c\n", "      2 b 2\n      1 a 10\n",
                "\n1\n");
        assertThat(printed()).as("a program beyond printing fields is skipped").doesNotContain("\n3\n");
    }

    /** {@code jq} on {@code ip -j}: the selftests' way of reading a device's master, kind or flags. */
    @Test
    void jqReadsWhatIpJsonPrints() {
        replay("""
                ip link add br0 type bridge
                ip link add d0 type dummy
                ip link set d0 master br0
                echo "master=$(ip -j link show dev d0 | jq -r '.[]["master"]')"
                echo "kind=$(ip -j -d link show dev d0 | jq -r '.[].linkinfo.info_kind')"
                ip -j link show | jq -r '.[] | select(.ifname == "br0") | .mtu'
                ip -j link show | jq -e '.[] | select(.ifname == "nosuch")' || echo "none $?"
                echo '[1,2]' | jq '.[] | frobnicate' || echo "compile error $?"
                """);
        assertThat(printed()).contains("master=br0\n", "kind=dummy\n", "\n1500\n", "none 4\n",
                "compile error 3\n");
    }

    /** Functions a script takes from the files it sources are known before it runs; other names are not. */
    @Test
    void functionsOfASourcedFileAreKnownBeforeRunning() throws java.net.URISyntaxException {
        Path dir = Path.of(ReplayTest.class.getResource("/replay/lib.sh").toURI()).getParent();
        ReplayScript parsed = ReplayScript.read("t.sh", "source lib.sh\nsetup_ns a\nfrobnicate\n", dir);
        assertThat(parsed.problems()).extracting(e -> e.line() + ":" + e.token()).containsExactly("3:frobnicate");
        assertThat(ReplayScript.read("t.sh", "source \"$dir\"/lib.sh\nfrobnicate\n", dir).problems())
                .as("a sourced file named by a variable: checked when it runs").isEmpty();
    }

    @Test
    void unknownQuirksListTheValidOnes() {
        assertThatThrownBy(() -> ReplayQuirks.parse(List.of("faster"))).hasMessageStartingWith(
                "unknown quirk 'faster' (expected one of: legacy-destructor,").hasMessageContaining("vlan-put-in-destructor");
    }
}
