package org.reftrace.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reftrace.agent.bootstrap.HookSink;
import org.reftrace.agent.bootstrap.Hooks;
import org.reftrace.testfixture.FixtureApi;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.profile.Role;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.FakeDevice;
import org.reftrace.agent.record.SiteTable;

/** The call-site rewriting on a real class, loaded in its own loader, without an agent. */
class CallSiteRewriterTest {
    private static final String API = "org/reftrace/testfixture/FixtureApi";
    private static final String DEV = "Lorg/reftrace/agent/record/FakeDevice;";
    private static final SwitchableSink SINK = new SwitchableSink();

    /** Records what the hooks report; can be told to throw. Installed once: the facade is per JVM. */
    static final class SwitchableSink implements HookSink {
        final List<String> events = new ArrayList<>();
        volatile boolean fail;

        private void record(String event) {
            if (fail) {
                throw new IllegalStateException("recorder failure");
            }
            events.add(event);
        }

        @Override
        public void hold(Object object, Object owner, int site) {
            record("hold " + object + " owner=" + owner + " site=" + site);
        }

        @Override
        public void put(Object object, Object owner, int site) {
            record("put " + object + " owner=" + owner + " site=" + site);
        }

        @Override
        public void holdTracked(Object object, Object tracker, Object owner, int site) {
            record("holdTracked " + object + " tracker=" + tracker + " owner=" + owner);
        }

        @Override
        public void putTracked(Object object, Object tracker, Object owner, int site) {
            record("putTracked " + object);
        }

        @Override
        public void lookupHold(Object object, Object tracker, Object owner, int site) {
            record("lookup " + object + " owner=" + owner);
        }

        @Override
        public void trackerAlloc(Object object, Object tracker, Object owner, int site) {
            record("trackerAlloc " + object);
        }

        @Override
        public void lifecycle(int target, Object[] args, Object result, boolean exit) {
            record("lifecycle " + target);
        }

        @Override
        public void instanceEvent(int target, Object self, Object[] args, int site) {
            record("instance " + target);
        }

        @Override
        public long mark() {
            return 0;
        }

        @Override
        public String heldSince(long mark) {
            return null;
        }
    }

    private final SiteTable sites = new SiteTable();
    private final InstrumentationReport report = new InstrumentationReport();
    private Class<?> caller;

    @BeforeAll
    static void installSink() {
        Hooks.install(SINK);
    }

    @BeforeEach
    void rewriteFixture() throws Exception {
        SINK.events.clear();
        SINK.fail = false;
        Profile profile = new Profile("fixture", "fake", "org/reftrace/agent/record/FakeDevice", "name", null, null, 1,
                Set.of(), Set.of(), Set.of(), false, null, List.of(
                        new Target(0, API, "hold", "(" + DEV + ")V", Role.HOLD, "test"),
                        new Target(1, API, "put", "(" + DEV + ")V", Role.PUT, "test"),
                        new Target(2, API, "holdTracked", "(" + DEV + "Ljava/lang/Object;)V", Role.HOLD_TRACKED, "t"),
                        new Target(3, API, "lookup", "(Ljava/lang/String;)" + DEV, Role.LOOKUP, "test")));
        String name = "org.reftrace.testfixture.FixtureCaller";
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            original = in.readAllBytes();
        }
        byte[] rewritten = new CallSiteTransformer(profile, sites, report)
                .transform(null, name.replace('.', '/'), null, null, original);
        assertThat(rewritten).isNotNull();
        caller = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (n.equals(name)) {
                    synchronized (getClassLoadingLock(n)) {
                        Class<?> c = findLoadedClass(n);
                        return c != null ? c : defineClass(n, rewritten, 0, rewritten.length);
                    }
                }
                return super.loadClass(n, resolve);
            }
        }.loadClass(name);
    }

    private Object newCaller(FakeDevice dev) throws Exception {
        Constructor<?> constructor = caller.getConstructor(FakeDevice.class);
        return constructor.newInstance(dev);
    }

    private Object call(Object target, String method, Class<?>[] types, Object... args) throws Exception {
        Method m = caller.getMethod(method, types);
        return m.invoke(target, args);
    }

    @Test
    void ownerIsTheCallersDeviceParameterWhenItIsAnotherObject() throws Exception {
        FakeDevice vlan = new FakeDevice("vlan0");
        FakeDevice eth = new FakeDevice("eth0");
        Object instance = newCaller(new FakeDevice("x"));
        SINK.events.clear();
        call(instance, "holdFor", new Class<?>[] {FakeDevice.class, FakeDevice.class}, vlan, eth);
        assertThat(SINK.events).singleElement().asString().startsWith("hold " + eth + " owner=" + vlan);
    }

    @Test
    void ownerFallsBackToThisWhenTheParameterIsTheHeldObject() throws Exception {
        FakeDevice eth = new FakeDevice("eth0");
        Object instance = newCaller(new FakeDevice("x"));
        SINK.events.clear();
        call(instance, "holdSelf", new Class<?>[] {FakeDevice.class}, eth);
        assertThat(SINK.events).singleElement().asString().contains("owner=" + instance);
    }

    @Test
    void staticCallerWithoutOtherOwnerOwnsTheObjectItself() throws Exception {
        FakeDevice eth = new FakeDevice("eth0");
        call(null, "holdStatic", new Class<?>[] {FakeDevice.class}, eth);
        assertThat(SINK.events).singleElement().asString().contains("owner=" + eth);
    }

    @Test
    void constructorOwnsWhatItHoldsAfterSuper() throws Exception {
        FakeDevice eth = new FakeDevice("eth0");
        Object instance = newCaller(eth);
        assertThat(SINK.events).singleElement().asString().startsWith("hold " + eth + " owner=" + instance);
    }

    @Test
    void callsBeforeThisIsInitialisedPassNoThisAndStillVerify() throws Exception {
        Object instance = caller.getConstructor(String.class).newInstance("eth7");
        assertThat(SINK.events).hasSize(2);
        assertThat(SINK.events.get(0)).startsWith("lookup ").endsWith(" owner=null");
        assertThat(SINK.events.get(1)).endsWith("owner=" + instance + " site=" + SINK.events.get(1)
                .substring(SINK.events.get(1).lastIndexOf('=') + 1));
    }

    @Test
    void sitesCarryClassMethodFileAndLine() throws Exception {
        call(null, "holdStatic", new Class<?>[] {FakeDevice.class}, new FakeDevice("eth0"));
        String event = SINK.events.get(0);
        int site = Integer.parseInt(event.substring(event.lastIndexOf('=') + 1));
        assertThat(sites.get(site).frame()).matches(
                "org\\.reftrace\\.testfixture\\.FixtureCaller\\.holdStatic\\(FixtureCaller\\.java:\\d+\\)");
        assertThat(report.instrumentedClasses()).isEqualTo(1);
    }

    @Test
    void trackedHoldsAndLookupsReportTheirTrackerAndResult() throws Exception {
        Object instance = newCaller(new FakeDevice("x"));
        SINK.events.clear();
        Object tracker = "tracker-1";
        FakeDevice eth = new FakeDevice("eth0");
        call(instance, "holdTracked", new Class<?>[] {FakeDevice.class, Object.class}, eth, tracker);
        Object found = call(instance, "lookup", new Class<?>[] {String.class}, "eth1");
        assertThat(SINK.events).containsExactly("holdTracked " + eth + " tracker=tracker-1 owner=" + instance,
                "lookup " + found + " owner=" + instance);
    }

    @Test
    void aThrowingRecorderNeverReachesTheProgram() throws Exception {
        Object instance = newCaller(new FakeDevice("x"));
        SINK.fail = true;
        long failuresBefore = Hooks.failures();
        int before = FixtureApi.COUNT.get();
        Object result = call(instance, "putAndCount", new Class<?>[] {FakeDevice.class}, new FakeDevice("eth0"));
        assertThat(result).isEqualTo(before - 1);
        assertThat(Hooks.failures()).isEqualTo(failuresBefore + 1);
    }

    @Test
    void classesThatNeverCallTheApiAreLeftAlone() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("CallSiteRewriterTest.class")) {
            bytes = in.readAllBytes();
        }
        Profile profile = new Profile("p", "k", "x/Y", null, null, null, 1, Set.of(), Set.of(), Set.of(), false, null,
                List.of(new Target(0, "no/Such", "m", "()V", Role.HOLD, "t")));
        assertThat(new CallSiteTransformer(profile, sites, report)
                .transform(null, "org/reftrace/agent/instrument/CallSiteRewriterTest", null, null, bytes)).isNull();
    }
}
