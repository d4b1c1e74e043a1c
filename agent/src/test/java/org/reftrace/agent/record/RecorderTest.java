package org.reftrace.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Origin;
import org.reftrace.dump.Problem;
import org.reftrace.dump.TrackedObject;

/** The recorder against a plain oracle: counts per object, exact tracker pairing, unpaired puts, the lifecycle. */
class RecorderTest {
    private final Recorder recorder = new Recorder(FakeDevice.profiles(), RecorderConfig.defaults());
    private final ProfileRuntime p = recorder.runtimes().get(0);
    private final Site site = recorder.sites().get(recorder.sites().register("app.Caller", "work", "Caller.java", 10, 0));
    private final Site putSite = recorder.sites().get(recorder.sites().register("app.Caller", "done", "Caller.java", 20, 1));

    /** A profile of buffers: no lifecycle, the last release frees. */
    private static final String WITHOUT_LIFECYCLE = """
            name = fake
            type = org.reftrace.agent.record.FakeDevice
            name-method = name
            count-method = refcnt
            hold = org.reftrace.agent.record.FakeDevice#retain()
            put = org.reftrace.agent.record.FakeDevice#release()
            alloc = org.reftrace.agent.record.FakeDevice#allocate()
            """;

    private static Attribution at(Site site, Object owner) {
        return new Attribution(site, owner, Thread.currentThread().getName(), 0);
    }

    private Dump snapshot(boolean atExit) {
        return Snapshots.take(recorder, SnapshotContext.of("test", atExit));
    }

    private static TrackedObject object(Dump dump, String name) {
        return dump.objects().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Random holds and puts by three owners against a plain model of the pairing rules: a put takes its owner's
     * newest hold; an owner that has given back all it took here and puts again puts one too many; otherwise it
     * takes the newest hold of anybody (a hand-off); with no hold left it is unattributed (the count shows it).
     */
    @Test
    void randomHoldsAndPutsMatchAPlainOracle() {
        Random random = new Random(7);
        List<FakeDevice> devices = List.of(new FakeDevice("a"), new FakeDevice("b"), new FakeDevice("c"));
        List<Object> owners = List.of(new Object(), new Object(), new Object());
        Map<FakeDevice, List<Object>> untracked = new HashMap<>(); // the owners of untracked holds, oldest first
        Map<FakeDevice, java.util.Set<Object>> settled = new HashMap<>();
        Map<FakeDevice, List<Object>> liveTrackers = new HashMap<>();
        int expectedUnpaired = 0;
        int expectedExtra = 0;
        for (int i = 0; i < 20_000; i++) {
            FakeDevice dev = devices.get(random.nextInt(devices.size()));
            Object owner = owners.get(random.nextInt(owners.size()));
            List<Object> held = untracked.computeIfAbsent(dev, d -> new ArrayList<>());
            switch (random.nextInt(4)) {
                case 0 -> {
                    recorder.hold(p, dev, null, 1, at(site, owner));
                    held.add(owner);
                }
                case 1 -> {
                    Object tracker = new Object();
                    recorder.hold(p, dev, tracker, 1, at(site, owner));
                    liveTrackers.computeIfAbsent(dev, d -> new ArrayList<>()).add(tracker);
                }
                case 2 -> {
                    recorder.put(p, dev, null, 1, at(putSite, owner));
                    int own = held.lastIndexOf(owner);
                    if (own >= 0) {
                        held.remove(own);
                        if (!held.contains(owner)) {
                            settled.computeIfAbsent(dev, d -> new java.util.HashSet<>()).add(owner);
                        }
                    } else if (settled.getOrDefault(dev, java.util.Set.of()).contains(owner)) {
                        expectedExtra++;
                    } else if (!held.isEmpty()) {
                        held.remove(held.size() - 1);
                    } else {
                        expectedUnpaired++;
                    }
                }
                default -> {
                    List<Object> live = liveTrackers.getOrDefault(dev, new ArrayList<>());
                    if (!live.isEmpty()) {
                        recorder.put(p, dev, live.remove(random.nextInt(live.size())), 1, at(putSite, owner));
                    }
                }
            }
        }
        Dump dump = snapshot(false);
        for (FakeDevice dev : devices) {
            int expected = untracked.getOrDefault(dev, List.of()).size()
                    + liveTrackers.getOrDefault(dev, List.of()).size();
            TrackedObject object = object(dump, dev.name());
            assertThat(object.holders()).as(dev.name()).hasSize(expected);
            assertThat(object.holders().stream().filter(h -> h.pairing().equals("tracker")).count())
                    .isEqualTo(liveTrackers.getOrDefault(dev, List.of()).size());
        }
        // the fake devices' own count stays high: a put no hold explains dropped a reference the count shows
        assertThat(dump.pairings().getOrDefault("unattributed", 0L)).isEqualTo(expectedUnpaired);
        assertThat(expectedExtra).isPositive();
        assertThat(dump.problemGroups()).filteredOn(g -> g.type().equals("put-without-hold"))
                .extracting(org.reftrace.dump.ProblemGroup::count).containsExactly((long) expectedExtra);
        assertThat(dump.pairings().get("tracker")).isPositive();
        assertThat(dump.histograms()).extracting(h -> h.metric()).contains("hold-duration");
    }

    /**
     * Holds of about 200 µs, far below the coarse clock's millisecond: the precise samples (one per tick) give the
     * site's histogram their shape, where the coarse clock alone would call every one of them 0.
     */
    @Test
    void subMillisecondHoldsAreResolvedByPreciseSamples() {
        FakeDevice dev = new FakeDevice("eth0");
        Object owner = new Object();
        int holds = 3_000;
        for (int i = 0; i < holds; i++) {
            recorder.hold(p, dev, null, 1, at(site, owner));
            long until = System.nanoTime() + 200_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            recorder.put(p, dev, null, 1, at(putSite, owner));
        }
        Dump dump = snapshot(false);
        org.reftrace.dump.HistogramSummary h = dump.histograms().stream()
                .filter(s -> s.metric().equals("hold-duration") && s.key().equals(site.frame())).findFirst()
                .orElseThrow();
        assertThat(h.count()).isEqualTo(holds);
        assertThat(h.percentiles().get("50")).as("median hold, ns").isBetween(150_000L, 900_000L);
        assertThat(dump.meta().holdTiming()).contains("precise samples");
    }

    @Test
    void putIsPairedWithTheSameOwnersHoldFirst() {
        FakeDevice dev = new FakeDevice("eth0");
        Object first = new Object();
        Object second = new Object();
        recorder.hold(p, dev, null, 1, at(site, first));
        recorder.hold(p, dev, null, 1, at(site, second));
        recorder.put(p, dev, null, 1, at(putSite, first));
        Dump dump = snapshot(false);
        assertThat(object(dump, "eth0").holders()).singleElement().satisfies(h -> assertThat(h.owner())
                .startsWith("Object@" + Integer.toHexString(System.identityHashCode(second))));
        assertThat(dump.pairings()).containsEntry("owner", 1L);
    }

    @Test
    void aPutByAnotherOwnerPairsWithTheNewestHoldSoAnOldLeakKeepsItsSite() {
        FakeDevice dev = new FakeDevice("eth0");
        Site leak = recorder.sites().get(recorder.sites().register("app.Leaker", "keep", "Leaker.java", 5, 0));
        Site producer = recorder.sites().get(recorder.sites().register("app.Producer", "send", "Producer.java", 7, 0));
        recorder.hold(p, dev, null, 1, at(leak, new Object()));
        Object producerOwner = new Object();
        Object consumerOwner = new Object();
        for (int i = 0; i < 100; i++) {
            recorder.hold(p, dev, null, 1, at(producer, producerOwner));
            recorder.put(p, dev, null, 1, at(putSite, consumerOwner)); // another owner, on another thread in life
        }
        Dump dump = snapshot(false);
        assertThat(object(dump, "eth0").holders()).singleElement()
                .satisfies(h -> assertThat(h.site()).isEqualTo("app.Leaker.keep(Leaker.java:5)"));
        assertThat(dump.pairings().keySet()).allMatch(rule -> rule.startsWith("handoff"));
    }

    @Test
    void aHoldStandingForSeveralReferencesIsPutOneAtATime() {
        FakeDevice dev = new FakeDevice("eth0");
        Object owner = new Object();
        recorder.hold(p, dev, null, 3, at(site, owner));
        recorder.put(p, dev, null, 2, at(putSite, owner));
        assertThat(object(snapshot(false), "eth0").holders()).hasSize(1);
        recorder.put(p, dev, null, 1, at(putSite, owner));
        Dump dump = snapshot(false);
        assertThat(dump.objects()).filteredOn(o -> o.name().equals("eth0")).allSatisfy(o -> assertThat(o.holders()).isEmpty());
        assertThat(dump.problems()).isEmpty();
    }

    @Test
    void secondReleaseThroughATrackerNamesWhereItWasTakenAndFirstReleased() {
        FakeDevice dev = new FakeDevice("eth0");
        Object tracker = new Object();
        recorder.hold(p, dev, tracker, 1, at(site, null));
        recorder.put(p, dev, tracker, 1, at(putSite, null));
        recorder.put(p, dev, tracker, 1, at(putSite, null));
        Problem problem = snapshot(false).problems().get(0);
        assertThat(problem.type()).isEqualTo("reference-already-released");
        assertThat(problem.message()).contains("app.Caller.work(Caller.java:10)").contains("app.Caller.done(Caller.java:20)");
        assertThat(problem.origins()).extracting(Origin::role).containsExactly("taken", "first-release");
    }

    @Test
    void trackerReusedWhileLiveIsReportedAtTheSecondHold() {
        FakeDevice dev = new FakeDevice("eth0");
        Object shared = new Object();
        recorder.hold(p, dev, shared, 1, at(site, null));
        recorder.hold(p, dev, shared, 1, at(site, null));
        assertThat(snapshot(false).problems()).extracting(Problem::type).containsExactly("tracker-reused");
    }

    @Test
    void putThatTakesTheCountBelowTheFloorIsAnUnderflow() {
        FakeDevice dev = new FakeDevice("sit1");
        dev.state = "UNINITIALIZED";
        dev.refcnt = 0;
        recorder.put(p, dev, null, 1, at(putSite, dev));
        assertThat(snapshot(false).problems()).extracting(Problem::type)
                .contains("refcount-underflow", "put-without-hold");
    }

    @Test
    void lifecycleStagesDriveUseAfterFreeDoubleFreeAndExitProblems() {
        FakeDevice dev = new FakeDevice("eth0");
        Attribution core = at(site, null);
        recorder.register(p, dev, true, core);
        recorder.hold(p, dev, null, 1, at(site, null));
        recorder.free(p, dev, recorder.beforeFree(p, dev), null, core);        // free while registered
        recorder.unregister(p, dev, core);
        dev.state = "UNREGISTERED";
        recorder.waitStart(p, List.of(dev), core);
        recorder.waitWarning(p, dev, core);
        recorder.waitEnd(p, List.of(dev), null, true, core);                  // gives up
        recorder.free(p, dev, recorder.beforeFree(p, dev), null, core);        // freed
        recorder.put(p, dev, null, 1, at(putSite, null));                      // after free
        recorder.free(p, dev, recorder.beforeFree(p, dev), null, core);        // freed again
        Dump dump = snapshot(true);
        assertThat(dump.problems()).extracting(Problem::type).containsExactly("free-while-registered",
                "lingering-holders", "use-after-free", "double-free", "never-freed");
        Problem uaf = dump.problems().get(2);
        assertThat(uaf.origins()).extracting(Origin::role).containsExactly("taken", "freed");
        assertThat(dump.waits()).singleElement().satisfies(w -> {
            assertThat(w.outcome()).isEqualTo("gave-up");
            assertThat(w.warnings()).isEqualTo(1);
        });
        assertThat(object(dump, "eth0").lifecycle()).extracting(e -> e.event()).containsExactly("register", "free",
                "unregister", "wait-start", "wait-warning", "wait-gave-up", "free", "free");
        assertThat(object(dump, "eth0").lifecycle().get(4).value()).isEqualTo(1_000_000L); // the count at the warning
    }

    @Test
    void memoryReleasedWhileHeldNamesTheHolders() {
        FakeDevice dev = new FakeDevice("eth0");
        recorder.hold(p, dev, null, 1, at(site, new Object()));
        recorder.release(p, dev, at(site, null));
        Problem p0 = snapshot(false).problems().get(0);
        assertThat(p0.type()).isEqualTo("free-while-held");
        assertThat(p0.origins()).extracting(Origin::site).containsExactly("app.Caller.work(Caller.java:10)");
    }

    @Test
    void aHoldTakenAfterUnregisterBeganIsMarkedAndGetsAStack() {
        Recorder none = new Recorder(FakeDevice.profiles(), new RecorderConfig(1, 1000, 100, 10, 1000, 100));
        ProfileRuntime rt = none.runtimes().get(0);
        Site s = none.sites().get(none.sites().register("app.C", "m", "C.java", 1, 0));
        FakeDevice dev = new FakeDevice("eth0");
        Object owner = new Object();
        none.hold(rt, dev, null, 1, at(s, owner)); // spends the site's one stack
        none.hold(rt, dev, null, 1, at(s, owner)); // no stack of its own: a representative
        none.unregister(rt, dev, at(s, null));
        none.hold(rt, dev, null, 1, at(s, owner)); // late: a stack whatever the budget
        List<org.reftrace.dump.Holder> holders = Snapshots.take(none, SnapshotContext.of("t", false)).objects().get(0)
                .holders();
        assertThat(holders).extracting(org.reftrace.dump.Holder::afterUnregister).containsExactly(false, false, true);
        assertThat(holders).allSatisfy(h -> assertThat(h.stack()).isNotNull());
        assertThat(holders).extracting(org.reftrace.dump.Holder::stackRepresentative).containsExactly(false, true, false);
    }

    @Test
    void holdsOverTheCapAreCountedAndTheirPutsAbsorbed() {
        Recorder small = new Recorder(FakeDevice.profiles(), new RecorderConfig(0, 100, 10, 10, 1000, 100));
        ProfileRuntime rt = small.runtimes().get(0);
        Site s = small.sites().get(small.sites().register("app.C", "m", "C.java", 1, 0));
        FakeDevice dev = new FakeDevice("eth0");
        int holds = 10_000;
        for (int i = 0; i < holds; i++) {
            small.hold(rt, dev, null, 1, at(s, null));
        }
        Dump full = Snapshots.take(small, SnapshotContext.of("t", false));
        // the cap is checked for one hold in CAP_CHECK_EVERY, so it is enforced within a few dozen holds
        assertThat(full.objects().get(0).holders().size()).isBetween(100, 100 + 20 * Tables.CAP_CHECK_EVERY);
        assertThat(full.health().holdsDropped() + full.objects().get(0).holders().size()).isEqualTo(holds);
        assertThat(full.health().drops()).singleElement().satisfies(d -> assertThat(d.option()).isEqualTo("maxHolds=100"));
        for (int i = 0; i < holds; i++) {
            small.put(rt, dev, null, 1, at(s, null));
        }
        Dump dump = Snapshots.take(small, SnapshotContext.of("t", false));
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.objects()).allSatisfy(o -> assertThat(o.holders()).isEmpty());
    }

    @Test
    void recorderNeverKeepsATrackedObjectAlive() throws Exception {
        java.lang.ref.WeakReference<FakeDevice> ref = holdAndForget();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(ref.get()).isNull();
        // the collector clears the reference at once but enqueues it later, on the JDK's reference handler thread
        Dump dump = snapshot(false);
        for (int i = 0; i < 500 && dump.problems().isEmpty(); i++) {
            Thread.sleep(10);
            dump = snapshot(false);
        }
        assertThat(dump.objects()).singleElement().satisfies(o -> assertThat(o.state()).isEqualTo("collected"));
        assertThat(dump.problems()).extracting(Problem::type).containsExactly("leak-found-by-gc");
    }

    private java.lang.ref.WeakReference<FakeDevice> holdAndForget() {
        FakeDevice dev = new FakeDevice("gone0");
        recorder.hold(p, dev, null, 1, at(site, new Object()));
        return new java.lang.ref.WeakReference<>(dev);
    }

    @Test
    void withoutALifecycleTheLastReleaseFreesTheObjectAndIdleObjectsCostNothing() {
        Recorder r = new Recorder(FakeDevice.profiles(WITHOUT_LIFECYCLE), RecorderConfig.defaults());
        ProfileRuntime rt = r.runtimes().get(0);
        Site s = r.sites().get(r.sites().register("app.Caller", "work", "Caller.java", 10, 0));
        List<FakeDevice> buffers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            FakeDevice buf = new FakeDevice("buf" + i);
            buffers.add(buf);
            buf.refcnt = 1;
            r.alloc(rt, buf, at(s, null));
            buf.refcnt = 0;
            r.put(rt, buf, null, 1, at(s, null));
        }
        Dump dump = Snapshots.take(r, SnapshotContext.of("t", false));
        assertThat(dump.objects()).isEmpty(); // nothing outstanding, nothing to report: not even kept
        assertThat(dump.problems()).isEmpty();
        FakeDevice leaked = buffers.get(0);
        leaked.refcnt = 1;
        r.alloc(rt, leaked, at(s, null)); // a pool hands it out again: a new life, never released
        Dump held = Snapshots.take(r, SnapshotContext.of("t", false));
        // without an unregister step, what is held when a dump is taken (not only at exit) should be free
        assertThat(held.objects()).singleElement().satisfies(o -> assertThat(o.shouldBeFree()).isTrue());
        assertThat(held.summary().lingeringHolders()).isEqualTo(1);
    }

    /**
     * The thread's last object state is not used once the object was forgotten: a buffer released to nothing and
     * handed out again, by the same thread or after another thread released it, is listed with its new holder.
     */
    @Test
    void anObjectForgottenAndTakenAgainIsListedWithItsNewHolder() throws Exception {
        Recorder r = new Recorder(FakeDevice.profiles(WITHOUT_LIFECYCLE), RecorderConfig.defaults());
        ProfileRuntime rt = r.runtimes().get(0);
        Site s = r.sites().get(r.sites().register("app.Caller", "work", "Caller.java", 10, 0));
        FakeDevice buf = new FakeDevice("buf");
        buf.refcnt = 1;
        r.alloc(rt, buf, at(s, null));
        buf.refcnt = 0;
        r.put(rt, buf, null, 1, at(s, null)); // forgotten: nothing outstanding
        buf.refcnt = 1;
        r.alloc(rt, buf, at(s, null)); // the same thread, at once: a new life
        assertThat(Snapshots.take(r, SnapshotContext.of("t", false)).objects()).singleElement()
                .satisfies(o -> assertThat(o.holders()).hasSize(1));
        Thread other = new Thread(() -> {
            buf.refcnt = 0;
            r.put(rt, buf, null, 1, at(s, null));
        });
        other.start();
        other.join();
        assertThat(Snapshots.take(r, SnapshotContext.of("t", false)).objects()).isEmpty();
        buf.refcnt = 1;
        r.alloc(rt, buf, at(s, null)); // this thread's last state of it was forgotten by the other thread
        r.hold(rt, buf, null, 1, at(s, new Object()));
        Dump dump = Snapshots.take(r, SnapshotContext.of("t", false));
        assertThat(dump.objects()).singleElement().satisfies(o -> assertThat(o.holders()).hasSize(2));
        assertThat(dump.problems()).isEmpty();
    }
}
