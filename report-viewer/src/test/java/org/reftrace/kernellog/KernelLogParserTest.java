package org.reftrace.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Problem;
import org.reftrace.dump.TrackedObject;

/** The real kernel logs in src/test/resources/kernel-logs (copied from shared/kernel-logs, sources in headers). */
class KernelLogParserTest {

    static KernelLogReport parse(String name) throws IOException {
        try (InputStream in = KernelLogParserTest.class.getResourceAsStream("/kernel-logs/" + name)) {
            return KernelLogParser.parse(name, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void a1ModernSymbolizedReportWithoutTimestamps() throws IOException {
        KernelLogReport log = parse("A1.txt");
        assertThat(log.repeats()).singleElement().satisfies(r -> {
            assertThat(r.device()).isEqualTo("batadv_slave_0");
            assertThat(r.usageCount()).isEqualTo(2);
            assertThat(r.timeNanos()).isEqualTo(-1);
            assertThat(r.groups()).singleElement().satisfies(g -> {
                assertThat(g.dir()).isEqualTo("netdev");
                assertThat(g.count()).isEqualTo(1);
                assertThat(g.total()).isEqualTo(1);
                assertThat(g.frames()).hasSize(26)
                        .startsWith("__netdev_tracker_alloc include/linux/netdevice.h:4390 [inline]")
                        .contains("batadv_hard_if_event+0xbd1/0x1280 net/batman-adv/hard-interface.c:958")
                        .endsWith("entry_SYSCALL_64_after_hwframe+0x77/0x7f");
            });
        });
    }

    @Test
    void a6AggregatedReportRepeatedWithTaskPrefixesAndCutShort() throws IOException {
        KernelLogReport log = parse("A6.txt");
        assertThat(log.repeats()).extracting(KernelLogReport.Repeat::device, KernelLogReport.Repeat::usageCount,
                KernelLogReport.Repeat::task).containsOnly(org.assertj.core.groups.Tuple.tuple("veth_A-R1", 5, "T12484"));
        assertThat(log.repeats()).extracting(KernelLogReport.Repeat::timeNanos)
                .containsExactly(1_868_101_248_000L, 1_878_221_231_000L);
        assertThat(log.repeats().get(0).groups()).extracting(KernelLogReport.Group::count, KernelLogReport.Group::total)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(1, 4)).hasSize(4);
        assertThat(log.repeats().get(0).groups()).extracting(g -> g.frames().get(0)).containsExactly(
                "dst_init+0x84/0x4a0", "dst_init+0x84/0x4a0", "netdev_get_by_index+0x5e/0x80", "ipv6_add_dev+0x3b9/0x11c0");
        assertThat(log.repeats().get(0).groups().get(0).frames()).contains("vxlan_xmit_one+0xd41/0x4500 [vxlan]");
        assertThat(log.repeats().get(1).groups()).singleElement().satisfies(g -> assertThat(g.frames()).isEmpty());

        Dump dump = KernelLogDumps.toDump(log);
        TrackedObject dev = dump.objects().get(0);
        assertThat(dev.name()).isEqualTo("veth_A-R1");
        assertThat(dev.refcount()).isEqualTo(5);
        assertThat(dev.holders()).hasSize(4);
        assertThat(dev.lifecycle()).extracting(e -> e.value()).containsExactly(5L, 5L);
        assertThat(dump.waits()).singleElement().satisfies(w -> assertThat(w.warnings()).isEqualTo(2));
    }

    @Test
    void aKernelLogBecomesAVersion2DumpWithKindsProfilesAndProblemGroups() throws IOException {
        Dump dump = KernelLogDumps.toDump(parse("A6.txt"));
        TrackedObject dev = dump.objects().get(0);
        assertThat(dev.profile()).isEqualTo("kernel-log");
        assertThat(dev.className()).isEqualTo("struct net_device");
        assertThat(dev.namespace()).as("a kernel log does not name namespaces").isNull();
        assertThat(dump.meta().profiles()).containsExactly("kernel-log");
        assertThat(dump.waits()).singleElement().satisfies(w -> assertThat(w.kind()).isEqualTo(KernelLogDumps.KIND));
        assertThat(dump.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(KernelLogDumps.KIND);
            assertThat(p.groupId()).isZero();
        });
        assertThat(dump.problemGroups()).singleElement().satisfies(g -> {
            assertThat(g.type()).isEqualTo("lingering-holders");
            assertThat(g.count()).isEqualTo(1);
            assertThat(g.site()).isEqualTo("dst_init+0x84/0x4a0");
        });
    }

    @Test
    void a8OldLeakedReferenceFormat() throws IOException {
        KernelLogReport log = parse("A8.txt");
        assertThat(log.repeats()).singleElement().satisfies(r -> {
            assertThat(r.device()).isEqualTo("veth0");
            assertThat(r.usageCount()).isEqualTo(2);
            assertThat(r.groups()).singleElement().satisfies(g -> {
                assertThat(g.count()).isEqualTo(1);
                assertThat(g.frames()).hasSize(15).startsWith("ipv6_add_dev+0x324/0xec0")
                        .contains("veth_newlink+0x48b/0xa50 [veth]");
            });
        });
    }

    @Test
    void a14DoubleReleaseWithBothStacksAndALaterLeak() throws IOException {
        KernelLogReport log = parse("A14.txt");
        assertThat(log.repeats()).isEmpty();
        assertThat(log.releases()).singleElement().satisfies(r -> {
            assertThat(r.allocatedIn()).hasSize(12).startsWith("ax25_dev_device_up+0x105/0x540");
            assertThat(r.freedIn()).hasSize(14).startsWith("ax25_device_event+0x272/0x420");
            assertThat(r.timeNanos()).isEqualTo(80_884_935_000L);
        });
        assertThat(log.orphans()).singleElement().satisfies(g -> {
            assertThat(g.dir()).isEqualTo("sp%d");
            assertThat(g.frames()).startsWith("ax25_bind+0x424/0x4e0").hasSize(5);
        });
        Dump dump = KernelLogDumps.toDump(log);
        assertThat(dump.problems()).extracting(Problem::type).containsExactly("reference-already-released");
        assertThat(dump.problems().get(0).stack()).startsWith("ax25_dev_device_up+0x105/0x540");
        assertThat(dump.problems().get(0).otherStack()).startsWith("ax25_device_event+0x272/0x420");
    }

    @Test
    void garbageTruncatedAndEmptyLogsParseToWhatTheyContain() {
        assertThat(KernelLogParser.parse("g", "\u0000\u0001binary\nnot a kernel log at all\n").isEmpty()).isTrue();
        assertThat(KernelLogParser.parse("e", "").isEmpty()).isTrue();
        KernelLogReport cut = KernelLogParser.parse("t",
                "[   10.000000] unregister_netdevice: waiting for eth0 to become free. Usage count = 3\n"
                        + "[   10.000000] ref_tracker: eth0@ffff888000000000 has 2/2 users at\n"
                        + "[   10.000000]      foo_hold+0x1/0x2\n[   10.0");
        assertThat(cut.repeats()).singleElement().satisfies(r -> {
            assertThat(r.usageCount()).isEqualTo(3);
            assertThat(r.groups()).singleElement().satisfies(g -> assertThat(g.frames()).containsExactly("foo_hold+0x1/0x2"));
        });
    }

    @Test
    void skippedReportsAreCounted() {
        KernelLogReport log = KernelLogParser.parse("s",
                "unregister_netdevice: waiting for lo to become free. Usage count = 30\n"
                        + "ref_tracker: lo@ffff888000000000 has 10/29 users at\n     a+0x1/0x2\n"
                        + "ref_tracker: lo@ffff888000000000 skipped reports about 19/29 users.\n");
        assertThat(log.repeats().get(0).skipped()).isEqualTo(19);
        assertThat(KernelLogDumps.toDump(log).problems().get(0).message()).contains("19 more not printed");
    }
}
