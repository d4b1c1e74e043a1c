package org.reftrace.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Problem;
import org.reftrace.dump.TrackedObject;

/** The recorder against a plain oracle: counts per object, exact tracker pairing, unpaired puts. */
class RecorderTest {
    private final Recorder recorder = new Recorder(FakeDevice.profile(), 16, 1_000_000, 10_000);
    private final int site = recorder.sites().register("app.Caller", "work", "Caller.java", 10, 0);
    private final int putSite = recorder.sites().register("app.Caller", "done", "Caller.java", 20, 1);

    private Dump snapshot(boolean atExit) {
        return Snapshots.take(recorder, new SnapshotContext("test", atExit, "", List.of(), 0, false, List.of(), ""));
    }

    private TrackedObject object(Dump dump, String name) {
        return dump.objects().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void randomHoldsAndPutsMatchAPlainOracle() {
        Random random = new Random(7);
        List<FakeDevice> devices = List.of(new FakeDevice("a"), new FakeDevice("b"), new FakeDevice("c"));
        List<Object> owners = List.of(new Object(), new Object(), new Object());
        Map<FakeDevice, Integer> untracked = new HashMap<>();
        Map<FakeDevice, List<Object>> liveTrackers = new HashMap<>();
        int expectedUnpaired = 0;
        for (int i = 0; i < 20_000; i++) {
            FakeDevice dev = devices.get(random.nextInt(devices.size()));
            Object owner = owners.get(random.nextInt(owners.size()));
            switch (random.nextInt(4)) {
                case 0 -> {
                    recorder.hold(dev, owner, site);
                    untracked.merge(dev, 1, Integer::sum);
                }
                case 1 -> {
                    Object tracker = new Object();
                    recorder.holdTracked(dev, tracker, owner, site);
                    liveTrackers.computeIfAbsent(dev, d -> new ArrayList<>()).add(tracker);
                }
                case 2 -> {
                    recorder.put(dev, owner, putSite);
                    if (untracked.getOrDefault(dev, 0) == 0) {
                        expectedUnpaired++;
                    } else {
                        untracked.merge(dev, -1, Integer::sum);
                    }
                }
                default -> {
                    List<Object> live = liveTrackers.getOrDefault(dev, new ArrayList<>());
                    if (!live.isEmpty()) {
                        recorder.putTracked(dev, live.remove(random.nextInt(live.size())), owner, putSite);
                    }
                }
            }
        }
        Dump dump = snapshot(false);
        for (FakeDevice dev : devices) {
            int expected = untracked.getOrDefault(dev, 0) + liveTrackers.getOrDefault(dev, List.of()).size();
            TrackedObject object = object(dump, dev.name());
            assertThat(object.holders()).as(dev.name()).hasSize(expected);
            assertThat(object.holders().stream().filter(h -> h.pairing().equals("tracker")).count())
                    .isEqualTo(liveTrackers.getOrDefault(dev, List.of()).size());
        }
        assertThat(dump.problems()).filteredOn(p -> p.type().equals("put-without-hold")).hasSize(expectedUnpaired);
        assertThat(dump.pairings().get("tracker")).isPositive();
        assertThat(dump.histograms()).extracting(h -> h.metric()).contains("hold-duration");
    }

    @Test
    void putIsPairedWithTheSameOwnersHoldFirst() {
        FakeDevice dev = new FakeDevice("eth0");
        Object first = new Object();
        Object second = new Object();
        recorder.hold(dev, first, site);
        recorder.hold(dev, second, site);
        recorder.put(dev, first, putSite);
        Dump dump = snapshot(false);
        assertThat(object(dump, "eth0").holders()).singleElement()
                .satisfies(h -> assertThat(h.owner()).startsWith("Object@" + Integer.toHexString(System.identityHashCode(second))));
        assertThat(dump.pairings()).containsEntry("owner", 1L);
    }

    @Test
    void secondReleaseThroughATrackerIsReportedWithWhereItWasFirstReleased() {
        FakeDevice dev = new FakeDevice("eth0");
        Object tracker = new Object();
        recorder.holdTracked(dev, tracker, null, site);
        recorder.putTracked(dev, tracker, null, putSite);
        recorder.putTracked(dev, tracker, null, putSite);
        Problem problem = snapshot(false).problems().get(0);
        assertThat(problem.type()).isEqualTo("reference-already-released");
        assertThat(problem.message()).contains("app.Caller.work(Caller.java:10)").contains("app.Caller.done(Caller.java:20)");
        assertThat(problem.otherStack()).isNotEmpty();
    }

    @Test
    void trackerReusedWhileLiveIsReportedAtTheSecondHold() {
        FakeDevice dev = new FakeDevice("eth0");
        Object shared = new Object();
        recorder.holdTracked(dev, shared, null, site);
        recorder.holdTracked(dev, shared, null, site);
        assertThat(snapshot(false).problems()).extracting(Problem::type).containsExactly("tracker-reused");
    }

    @Test
    void putThatTakesTheCountBelowTheFloorIsAnUnderflow() {
        FakeDevice dev = new FakeDevice("sit1");
        dev.state = "UNINITIALIZED";
        dev.refcnt = 1;
        recorder.put(dev, dev, putSite);
        assertThat(snapshot(false).problems()).extracting(Problem::type)
                .containsExactly("refcount-underflow", "put-without-hold");
    }

    @Test
    void lifecycleStagesDriveUseAfterFreeDoubleFreeAndExitProblems() {
        FakeDevice dev = new FakeDevice("eth0");
        recorder.lifecycle(2, new Object[] {dev}, 0, true);                  // register
        recorder.hold(dev, null, site);
        recorder.lifecycle(4, new Object[] {dev}, null, false);              // free while registered
        recorder.lifecycle(3, new Object[0], List.of(dev), true);            // unregister
        dev.state = "UNREGISTERED";
        recorder.lifecycle(6, new Object[] {null, List.of(dev)}, null, false); // wait starts
        recorder.lifecycle(7, new Object[] {null, dev}, null, true);         // it warns
        recorder.lifecycle(6, new Object[] {null, List.of(dev)}, null, true);  // gives up
        recorder.lifecycle(4, new Object[] {dev}, null, false);              // freed
        recorder.put(dev, null, putSite);                                    // after free
        recorder.lifecycle(4, new Object[] {dev}, null, false);              // freed again
        Dump dump = snapshot(true);
        assertThat(dump.problems()).extracting(Problem::type).containsExactly("free-while-registered",
                "lingering-holders", "use-after-free", "double-free", "never-freed");
        assertThat(dump.waits()).singleElement().satisfies(w -> {
            assertThat(w.outcome()).isEqualTo("gave-up");
            assertThat(w.warnings()).isEqualTo(1);
        });
        assertThat(object(dump, "eth0").lifecycle()).extracting(e -> e.event()).containsExactly("register", "free",
                "unregister", "wait-start", "wait-warning", "wait-gave-up", "free", "free");
    }

    @Test
    void holdsOverTheCapAreCountedAndTheirPutsAbsorbed() {
        Recorder small = new Recorder(FakeDevice.profile(), 0, 100, 10);
        int s = small.sites().register("app.C", "m", "C.java", 1, 0);
        FakeDevice dev = new FakeDevice("eth0");
        int holds = 10_000;
        for (int i = 0; i < holds; i++) {
            small.hold(dev, null, s);
        }
        Dump full = Snapshots.take(small, new SnapshotContext("t", false, "", List.of(), 0, false, List.of(), ""));
        // the cap is checked for one hold in CAP_CHECK_EVERY, so it is enforced within a few dozen holds
        assertThat(full.objects().get(0).holders().size()).isBetween(100, 100 + 20 * Recorder.CAP_CHECK_EVERY);
        assertThat(full.health().holdsDropped() + full.objects().get(0).holders().size()).isEqualTo(holds);
        for (int i = 0; i < holds; i++) {
            small.put(dev, null, s);
        }
        Dump dump = Snapshots.take(small, new SnapshotContext("t", false, "", List.of(), 0, false, List.of(), ""));
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.objects().get(0).holders()).isEmpty();
    }

    @Test
    void recorderNeverKeepsATrackedObjectAlive() throws Exception {
        java.lang.ref.WeakReference<FakeDevice> ref = holdAndForget();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(ref.get()).isNull();
        Dump dump = snapshot(false);
        assertThat(dump.objects()).singleElement().satisfies(o -> assertThat(o.state()).isEqualTo("collected"));
    }

    private java.lang.ref.WeakReference<FakeDevice> holdAndForget() {
        FakeDevice dev = new FakeDevice("gone0");
        recorder.hold(dev, new Object(), site);
        return new java.lang.ref.WeakReference<>(dev);
    }

    @Test
    void withoutRegistrationTheLastReleaseFreesAndALaterUseIsAUseAfterFree() throws Exception {
        org.reftrace.agent.profile.Profile profile = org.reftrace.agent.profile.ProfileParser.parse("t.profile", """
                name = fake
                type = org.reftrace.agent.record.FakeDevice
                name-method = name
                count-method = refcnt
                hold = org.reftrace.agent.record.FakeDevice#retain()
                put = org.reftrace.agent.record.FakeDevice#release()
                alloc = org.reftrace.agent.record.FakeDevice#allocate()
                """);
        Recorder r = new Recorder(profile, 0, 1000, 100);
        int s = r.sites().register("app.Caller", "work", "Caller.java", 10, 0);
        FakeDevice buf = new FakeDevice("buf0");
        buf.refcnt = 1;
        r.lookupHold(buf, null, null, s);   // allocated: count 1
        r.put(buf, null, s);                // released to 0: freed
        r.hold(buf, null, s);               // used after
        Dump dump = Snapshots.take(r, new SnapshotContext("t", false, "", List.of(), 0, false, List.of(), ""));
        assertThat(dump.problems()).extracting(Problem::type).containsExactly("use-after-free");
        assertThat(dump.problems().get(0).message()).contains("its count reached zero at app.Caller.work(Caller.java:10)");
        r.lookupHold(buf, null, null, s);   // a pool hands the same object out again: a new life
        Dump again = Snapshots.take(r, new SnapshotContext("t", false, "", List.of(), 0, false, List.of(), ""));
        assertThat(again.problems()).hasSize(1);
        // without an unregister step, what is held when a dump is taken (not only at exit) should be free
        assertThat(again.objects()).singleElement().satisfies(o -> assertThat(o.shouldBeFree()).isTrue());
        assertThat(again.summary().lingeringHolders()).isEqualTo(2); // the hold taken after the free, and the new life's
    }
}
