package org.reftrace.agent.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProfileParserTest {
    static final String LEASE = """
            # a custom refcounted class
            name = lease
            kind = lease
            type = org.reftrace.testfixture.lease.Lease   # and its subclasses
            name-method = id
            count-method = count
            alloc = org.reftrace.testfixture.lease.LeasePool#acquire(java.lang.String)
            hold = org.reftrace.testfixture.lease.Lease#retain()
            put = org.reftrace.testfixture.lease.Lease#release()
            should-be-free = org.reftrace.testfixture.lease.LeasePool#close()
            """;

    @Test
    void aCustomProfileBecomesTargets() throws Exception {
        Profile p = ProfileParser.parse("lease.profile", LEASE);
        assertThat(p.name()).isEqualTo("lease");
        assertThat(p.type()).isEqualTo("org/reftrace/testfixture/lease/Lease");
        assertThat(p.nameMethod()).isEqualTo("id");
        assertThat(p.countFloor()).isZero();
        assertThat(p.hasRegistration()).isFalse();
        assertThat(p.targets()).extracting(Target::role).containsExactly(Role.ALLOC, Role.HOLD, Role.PUT,
                Role.SHOULD_BE_FREE);
        assertThat(p.targets().get(0).parameters()).isEqualTo("(Ljava/lang/String;)");
        assertThat(p.targets().get(0).object()).isEqualTo(ObjectSelector.RETURN);
        assertThat(p.targets().get(1).object()).isEqualTo(ObjectSelector.AUTO);
        assertThat(p.targets().get(1).source()).isEqualTo("lease.profile:8");
    }

    @Test
    void modifiersSayWhichValueIsTheObjectAndWhatCountsAsSuccess() throws Exception {
        Profile p = ProfileParser.parse("m.profile", """
                name = m
                type = a.Reader
                hold = a.Reader#tryIncRef() when=returns-true
                put = a.Manager#release(java.lang.Object) object=arg0
                hold = a.Buf#retain(int) count=arg0
                lookup = a.Dev#get(a.Net, java.lang.String, a.Tracker) tracker=arg2
                unregister = a.Core#unregister(java.util.List) object=return[*]
                wait = a.Core#wait(a.Kernel, java.util.List) object=1[*] done=return
                use = a.Dev#name()
                ignore = a.EmptyReader
                view = a.Searcher#getIndexReader()
                lingering = at-exit
                registered-states = REGISTERED, UP
                """);
        assertThat(p.targets().get(0).when()).isEqualTo(Success.RETURNS_TRUE);
        assertThat(p.targets().get(1).object()).isEqualTo(ObjectSelector.argument(0));
        assertThat(p.targets().get(2).countArgument()).isZero();
        assertThat(p.targets().get(3).trackerArgument()).isEqualTo(2);
        assertThat(p.targets().get(4).object().toString()).isEqualTo("return[*]");
        assertThat(p.targets().get(5).object().toString()).isEqualTo("arg1[*]");
        assertThat(p.targets().get(5).doneIsReturn()).isTrue();
        assertThat(p.ignoredTypes()).containsExactly("a.EmptyReader");
        assertThat(p.views()).containsExactly(new Profile.View("a.Searcher", "getIndexReader"));
        assertThat(p.lingering()).isEqualTo(Profile.Lingering.AT_EXIT);
        assertThat(p.registeredStates()).containsExactlyInAnyOrder("REGISTERED", "UP");
        assertThat(p.hasLifecycle()).isTrue();
    }

    @Test
    void everyBuiltInProfileParsesAndSeveralLoadTogether() throws Exception {
        for (String name : Profiles.builtInNames()) {
            assertThat(Profiles.load(name).profiles()).as(name).isNotEmpty();
        }
        ProfileSet kernel = Profiles.load("kernel");
        assertThat(kernel.names()).isEqualTo("netdev+kmem");
        assertThat(kernel.targets()).extracting(Target::id).doesNotHaveDuplicates();
        assertThat(kernel.targets().get(kernel.targets().size() - 1).profile()).isEqualTo(1);
        assertThat(Profiles.load("netdev+netty").names()).isEqualTo("netdev+netty");
        assertThatThrownBy(() -> Profiles.load("netdev+netdev")).hasMessageContaining("names profile 'netdev' twice");
    }

    private static String error(String text) {
        try {
            ProfileParser.parse("bad.profile", text);
        } catch (ProfileParser.ProfileError e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed: " + text);
    }

    @Test
    void everyErrorNamesFileLineFieldAndWhatWasExpected() throws Exception {
        String base = "name = x\ntype = a.B\nhold = a.B#h()\nput = a.B#p()\n";
        assertThat(error(base + "hold = a.B#h\n")).isEqualTo("reftrace: profile bad.profile:5: field 'hold' is "
                + "'a.B#h' (expected: " + ProfileParser.EXPECTED_SPEC + ")");
        assertThat(error(base + "type = c.D\n")).isEqualTo(
                "reftrace: profile bad.profile:5: field 'type' is 'c.D' (expected: once per file (it is given again))");
        assertThat(ProfileParser.parse("ok.profile", base + "free = a.B#destroy()\n").targets())
                .extracting(Target::role).contains(Role.FREE);
        assertThat(error(base + "color = red\n")).startsWith("reftrace: profile bad.profile:5: unknown field 'color' "
                + "(expected one of: count-floor, count-method,");
        assertThat(error(base + "count-floor = -2\n")).isEqualTo(
                "reftrace: profile bad.profile:5: field 'count-floor' is '-2' (expected: a whole number >= 0)");
        assertThat(error(base + "put = Entry#release()\n")).isEqualTo("reftrace: profile bad.profile:5: field 'put' is "
                + "'Entry' (expected: a fully qualified class name, e.g. com.example.Entry)");
        assertThat(error(base + "transfer = a.B#t(int) object=x\n")).startsWith("reftrace: profile bad.profile:5: "
                + "field 'transfer' is 'a.B#t(int) object=x' (expected: object=this, return, argN or N");
        assertThat(error(base + "hold = a.B#h() when=sometimes\n")).contains("(expected: when=returns-true");
        assertThat(error(base + "hold = a.B#h(Strin g)\n")).contains("'Strin g' is not one");
        assertThat(error(base + "just words\n")).isEqualTo(
                "reftrace: profile bad.profile:5: 'just words' (expected: key = value)");
        assertThat(error("type = a.B\nhold = a.B#h()\nput = a.B#p()\n"))
                .isEqualTo("reftrace: profile bad.profile: field 'name' is missing (expected: name = NAME)");
        assertThat(error("name = x\ntype = a.B\nhold = a.B#h()\n")).startsWith(
                "reftrace: profile bad.profile: needs at least one 'hold' (or 'alloc'");
    }

    @Test
    void aMissingProfileFileIsNamed() {
        assertThatThrownBy(() -> Profiles.load("/no/such.profile")).hasMessage("reftrace: agent option "
                + "'profile=/no/such.profile' is invalid (expected: kernel, netdev, kmem, netty, lucene, or the path of "
                + "a profile file; no such file)");
    }
}
