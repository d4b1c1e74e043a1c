package org.reftrace.bench;

import static org.reftrace.netdev.Dev.*;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reftrace.agent.profile.Profiles;
import org.reftrace.agent.record.Attribution;
import org.reftrace.agent.record.ProfileRuntime;
import org.reftrace.agent.record.RecorderConfig;
import org.reftrace.agent.record.Site;
import org.reftrace.agent.record.Recorder;
import org.reftrace.agent.record.SnapshotContext;
import org.reftrace.agent.record.Snapshots;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;
import org.reftrace.dump.DumpWriter;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.NetDevice;
import org.reftrace.report.HtmlRenderer;
import org.reftrace.report.Progress;
import org.reftrace.report.ReportBuilder;
import org.reftrace.report.ReportData;

/**
 * Heap per outstanding reference, and the time to get from a million of them to a dump and a page, measured
 * in process on the recorder itself (as the agent runs it, in call-site mode: no stacks).
 */
final class Footprint {
    /** What was measured, for {@code references} outstanding holds on 1 000 devices from 100 call sites. */
    record Figures(int references, double bytesPerReference, long snapshotMillis, long dumpMillis, long dumpBytes,
            long readMillis, long htmlMillis, long htmlBytes) {}

    private Footprint() {}

    static Figures measure(int references) throws Exception {
        Kernel kernel = Kernel.boot();
        List<NetDevice> devices = new ArrayList<>();
        List<Object> owners = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            devices.add(allocNetdev(kernel.initNet(), "veth" + i, null, null));
            owners.add(new Object());
        }
        Recorder recorder = new Recorder(Profiles.load("netdev"), new RecorderConfig(0, references + 1, 1000, 10,
                1_000_000, 10_000));
        ProfileRuntime netdev = recorder.runtimes().get(0);
        Site[] sites = new Site[100];
        for (int s = 0; s < sites.length; s++) {
            sites[s] = recorder.sites().get(recorder.sites().register("app.Worker" + s, "run", "Worker" + s + ".java",
                    10 + s, 0));
        }
        long before = usedHeap();
        for (int i = 0; i < references; i++) {
            recorder.hold(netdev, devices.get(i % devices.size()), null, 1,
                    new Attribution(sites[i % sites.length], owners.get(i % owners.size()), "main", 0));
        }
        long after = usedHeap();
        double perReference = (after - before) / (double) references;

        long t0 = System.nanoTime();
        Dump dump = Snapshots.take(recorder, SnapshotContext.of("bench", false));
        long t1 = System.nanoTime();
        Path dir = Files.createTempDirectory("reftrace-bench");
        Path file = dir.resolve("dump.json");
        DumpWriter.write(dump, file);
        long t2 = System.nanoTime();
        Dump read = DumpReader.read(file);
        long t3 = System.nanoTime();
        ReportData data = ReportBuilder.build("bench", List.of(new ReportBuilder.Source("dump.json", read)),
                Progress.SILENT);
        Path page = dir.resolve("report.html");
        HtmlRenderer.write(data, page);
        long t4 = System.nanoTime();
        Figures figures = new Figures(references, perReference, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                Files.size(file), (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, Files.size(page));
        Files.delete(file);
        Files.delete(page);
        Files.delete(dir);
        // keep everything reachable until here, so the heap figure counts only the recorder's holds
        if (devices.size() + owners.size() == 0) {
            throw new IllegalStateException();
        }
        return figures;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
