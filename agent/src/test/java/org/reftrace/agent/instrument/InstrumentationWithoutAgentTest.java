package org.reftrace.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reftrace.agent.bootstrap.CallContext;
import org.reftrace.agent.bootstrap.HookSink;
import org.reftrace.agent.bootstrap.Hooks;
import org.reftrace.agent.capture.EventIntake;
import org.reftrace.agent.profile.ProfileParser;
import org.reftrace.agent.profile.ProfileSet;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.FakeDevice;
import org.reftrace.agent.record.Recorder;
import org.reftrace.agent.record.RecorderConfig;
import org.reftrace.agent.record.SnapshotContext;
import org.reftrace.agent.record.Snapshots;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Holder;
import org.reftrace.dump.TrackedObject;

/**
 * The whole capture path on real classes, without an agent: the fixture API gets the agent's advice (ByteBuddy),
 * its caller gets its call sites marked (ASM), both are loaded in their own loader, and what they do is recorded
 * by a real recorder behind the bootstrap facade. Every call path counts, once.
 */
class InstrumentationWithoutAgentTest {
    private static final String API = "org.reftrace.testfixture.FixtureApi";
    private static final String CALLER = "org.reftrace.testfixture.FixtureCaller";
    private static final String DEV = "org.reftrace.agent.record.FakeDevice";
    static final String PROFILE = """
            name = fixture
            type = %1$s
            name-method = name
            hold = %2$s#hold(%1$s)
            put = %2$s#put(%1$s)
            hold = %2$s#holdTracked(%1$s, java.lang.Object) tracker=arg1
            hold = %2$s#holdLate(int, long, java.lang.String, java.lang.Object, %1$s) object=arg4 tracker=arg3
            put = %2$s#putLate(int, long, java.lang.String, java.lang.Object, %1$s) object=arg4 tracker=arg3
            lookup = %2$s#lookup(java.lang.String)
            hold = %2$s#tryHold(%1$s) when=returns-true
            hold = %2$s#holdOrThrow(%1$s)
            hold = %2$s#holdViaInner(%1$s)
            """.formatted(DEV, API);

    /** The facade takes one sink per JVM: this one forwards to the current test's, and can be told to throw. */
    static final class SwitchableSink implements HookSink {
        volatile HookSink current;
        volatile boolean fail;

        @Override
        public int enter(int target, int method, Object self, Object[] args, CallContext context) {
            if (fail) {
                throw new IllegalStateException("recorder failure");
            }
            return current.enter(target, method, self, args, context);
        }

        @Override
        public void exit(int target, int frame, Object self, Object[] args, Object result, Throwable thrown,
                CallContext context) {
            current.exit(target, frame, self, args, result, thrown, context);
        }

        @Override
        public long mark(boolean global, CallContext context) {
            return current.mark(global, context);
        }

        @Override
        public String check(long mark) {
            return current.check(mark);
        }
    }

    static final SwitchableSink SINK = new SwitchableSink();
    private Recorder recorder;
    private InstrumentationReport report;
    private Class<?> caller;

    @BeforeAll
    static void installSink() {
        Hooks.install(SINK);
    }

    @BeforeEach
    void instrumentFixture() throws Exception {
        ProfileSet profiles = ProfileSet.of(List.of(ProfileParser.parse("fixture.profile", PROFILE)));
        recorder = new Recorder(profiles, RecorderConfig.defaults());
        report = new InstrumentationReport();
        SINK.current = new EventIntake(recorder, mark -> null);
        SINK.fail = false;
        byte[] api = advised(profiles, bytesOf(API));
        byte[] callerBytes = new CallSiteTransformer(profiles, recorder.sites(), report)
                .transform(null, CALLER.replace('.', '/'), null, null, bytesOf(CALLER));
        assertThat(callerBytes).isNotNull();
        Map<String, byte[]> defined = Map.of(API, api, CALLER, callerBytes);
        caller = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                byte[] bytes = defined.get(n);
                if (bytes == null) {
                    return super.loadClass(n, resolve);
                }
                synchronized (getClassLoadingLock(n)) {
                    Class<?> c = findLoadedClass(n);
                    return c != null ? c : defineClass(n, bytes, 0, bytes.length);
                }
            }
        }.loadClass(CALLER);
    }

    private byte[] advised(ProfileSet profiles, byte[] original) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(API, original),
                ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        TypeDescription type = TypePool.Default.of(locator).describe(API).resolve();
        DynamicType.Builder<?> builder = new ByteBuddy().redefine(type, locator);
        List<Target> targets = profiles.targets();
        return CalleeInstrumentation.adviseAll(builder, type, getClass().getClassLoader(), targets, recorder.sites(),
                report).make().getBytes();
    }

    private static byte[] bytesOf(String className) throws Exception {
        try (InputStream in = InstrumentationWithoutAgentTest.class.getResourceAsStream(
                "/" + className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private Object newCaller(FakeDevice dev) throws Exception {
        return caller.getConstructor(FakeDevice.class).newInstance(dev);
    }

    private Object call(Object target, String method, Object... args) throws Exception {
        for (Method m : caller.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    private Dump dump() {
        return Snapshots.take(recorder, SnapshotContext.of("test", false));
    }

    private List<Holder> holders(FakeDevice dev) {
        return dump().objects().stream().filter(o -> o.name().equals(dev.name())).findFirst()
                .map(TrackedObject::holders).orElse(List.of());
    }

    @Test
    void ownerIsTheCallersDeviceParameterWhenItIsAnotherObject() throws Exception {
        FakeDevice vlan = new FakeDevice("vlan0");
        FakeDevice eth = new FakeDevice("eth0");
        call(newCaller(new FakeDevice("x")), "holdFor", vlan, eth);
        assertThat(holders(eth)).singleElement().satisfies(h -> {
            assertThat(h.owner()).isEqualTo("vlan0 (FakeDevice)");
            assertThat(h.ownerObjectId()).isNotNull(); // a tracked owner: a link a chain follows
        });
    }

    @Test
    void ownerFallsBackToThisWhenTheParameterIsTheHeldObject() throws Exception {
        FakeDevice eth = new FakeDevice("eth0");
        Object instance = newCaller(new FakeDevice("x"));
        call(instance, "holdSelf", eth);
        assertThat(holders(eth)).singleElement().satisfies(h -> assertThat(h.owner())
                .isEqualTo("FixtureCaller@" + Integer.toHexString(System.identityHashCode(instance))));
    }

    @Test
    void constructorOwnsWhatItHoldsAfterSuper() throws Exception {
        FakeDevice eth = new FakeDevice("eth0");
        Object instance = newCaller(eth);
        assertThat(holders(eth)).singleElement().satisfies(h -> assertThat(h.owner())
                .isEqualTo("FixtureCaller@" + Integer.toHexString(System.identityHashCode(instance))));
    }

    @Test
    void callsBeforeThisIsInitialisedPassNoThisAndStillVerify() throws Exception {
        Object instance = caller.getConstructor(String.class).newInstance("eth7");
        List<Holder> holders = holders((FakeDevice) caller.getField("held").get(instance));
        assertThat(holders).hasSize(2);
        assertThat(holders.get(0).owner()).isNull(); // the lookup, before this(...)
        assertThat(holders.get(1).owner()).startsWith("FixtureCaller@");
    }

    @Test
    void sitesCarryClassMethodFileAndLine() throws Exception {
        FakeDevice eth = new FakeDevice("eth0");
        call(null, "holdStatic", eth);
        assertThat(holders(eth)).singleElement().satisfies(h -> assertThat(h.site()).matches(
                "org\\.reftrace\\.testfixture\\.FixtureCaller\\.holdStatic\\(FixtureCaller\\.java:\\d+\\)"));
        assertThat(report.instrumentedClasses()).isEqualTo(2);
    }

    @Test
    void trackedHoldsAreTrackedAndLookupsHandOutAReference() throws Exception {
        Object instance = newCaller(new FakeDevice("x"));
        FakeDevice eth = new FakeDevice("eth0");
        call(instance, "holdTracked", eth, "tracker-1");
        FakeDevice found = (FakeDevice) call(instance, "lookup", "eth1");
        assertThat(holders(eth)).singleElement().satisfies(h -> assertThat(h.pairing()).isEqualTo("tracker"));
        assertThat(holders(found)).singleElement().satisfies(h -> assertThat(h.site()).contains("FixtureCaller.lookup"));
    }

    /**
     * Most targets read only their first three arguments and get advice that passes just those (no array per
     * call); one that reads further gets every argument: its object and tracker are found all the same.
     */
    @Test
    void argumentsPastTheThirdAreReadThroughTheAllArgumentsAdvice() throws Exception {
        Object instance = newCaller(new FakeDevice("x"));
        FakeDevice eth = new FakeDevice("eth0");
        call(instance, "holdLate", eth, "tracker-9");
        assertThat(holders(eth)).singleElement().satisfies(h -> assertThat(h.pairing()).isEqualTo("tracker"));
        call(instance, "putLate", eth, "tracker-9");
        assertThat(holders(eth)).isEmpty();
        assertThat(dump().pairings()).containsEntry("tracker", 1L);
    }

    @Test
    void putsThroughAMethodReferenceALambdaReflectionAndAMethodHandleAreAllRecorded() throws Exception {
        Object instance = newCaller(new FakeDevice("x"));
        FakeDevice d = new FakeDevice("d0");
        call(instance, "holdThrice", d);
        call(instance, "putAllByMethodReference", List.of(d, d, d));
        assertThat(holders(d)).isEmpty();
        call(instance, "holdAllByMethodReference", List.of(d, d));
        call(instance, "putAllByLambda", List.of(d));
        call(instance, "putByReflection", d);
        assertThat(holders(d)).isEmpty();
        call(instance, "holdThrice", d);
        call(instance, "putByMethodHandle", d);
        assertThat(holders(d)).hasSize(2);
        assertThat(dump().problems()).isEmpty();
    }

    @Test
    void anUnbalancedMethodReferencePathIsReportedWithItsSite() throws Exception {
        Object instance = newCaller(new FakeDevice("x"));
        FakeDevice d = new FakeDevice("d1");
        call(instance, "holdAllByMethodReference", List.of(d));
        assertThat(holders(d)).singleElement().satisfies(h ->
                assertThat(h.site()).contains("FixtureCaller.holdAllByMethodReference(FixtureCaller.java:"));
    }

    @Test
    void aConditionalHoldThatFailsOrAHoldThatThrowsTakesNothing() throws Exception {
        Object instance = newCaller(new FakeDevice("x"));
        FakeDevice dying = new FakeDevice("dying0");
        FakeDevice bad = new FakeDevice("bad0");
        assertThat(call(instance, "tryHold", dying)).isEqualTo(false);
        call(instance, "holdOrThrow", bad);
        assertThat(holders(dying)).isEmpty();
        assertThat(holders(bad)).isEmpty();
        FakeDevice fine = new FakeDevice("fine0");
        assertThat(call(instance, "tryHold", fine)).isEqualTo(true);
        assertThat(holders(fine)).hasSize(1);
    }

    @Test
    void aHoldMadeOfAnotherHoldOnTheSameObjectCountsOnceAtTheOutermostCall() throws Exception {
        Object instance = newCaller(new FakeDevice("x"));
        FakeDevice d = new FakeDevice("eth0");
        call(instance, "holdViaInner", d);
        assertThat(holders(d)).singleElement().satisfies(h -> assertThat(h.site()).contains("FixtureCaller.holdViaInner"));
    }

    @Test
    void aThrowingRecorderNeverReachesTheProgram() throws Exception {
        Object instance = newCaller(new FakeDevice("x"));
        SINK.fail = true;
        long failuresBefore = Hooks.failures();
        int before = org.reftrace.testfixture.FixtureApi.COUNT.get();
        // the advised FixtureApi is the custom loader's copy, with its own counter: read it there
        Object result = call(instance, "putAndCount", new FakeDevice("eth0"));
        assertThat(result).isNotNull();
        assertThat(Hooks.failures()).isGreaterThan(failuresBefore);
        assertThat(before).isEqualTo(org.reftrace.testfixture.FixtureApi.COUNT.get());
    }

    @Test
    void classesThatNeverCallTheApiAreLeftAlone() throws Exception {
        ProfileSet profiles = ProfileSet.of(List.of(ProfileParser.parse("p.profile", """
                name = p
                type = x.Y
                hold = no.Such#m()
                put = no.Such#n()
                """)));
        assertThat(new CallSiteTransformer(profiles, recorder.sites(), report).transform(null,
                "org/reftrace/agent/instrument/InstrumentationWithoutAgentTest", null, null,
                bytesOf(InstrumentationWithoutAgentTest.class.getName()))).isNull();
    }
}
