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
    void aCustomProfileBecomesTargetsThatMatchSubtypes() throws Exception {
        Profile p = ProfileParser.parse("lease.profile", LEASE);
        assertThat(p.name()).isEqualTo("lease");
        assertThat(p.objectType()).isEqualTo("org/reftrace/testfixture/lease/Lease");
        assertThat(p.nameMethod()).isEqualTo("id");
        assertThat(p.countFloor()).isZero();
        assertThat(p.hasRegistration()).isFalse();
        assertThat(p.targets()).extracting(Target::role).containsExactly(Role.LOOKUP, Role.HOLD, Role.PUT,
                Role.SHOULD_BE_FREE);
        assertThat(p.targets().get(0).parameters()).isEqualTo("(Ljava/lang/String;)");
        assertThat(p.targets()).allMatch(Target::subtypes);
        assertThat(p.targets().get(3).objectArgument()).isEqualTo(-1);
    }

    @Test
    void theBuiltInNettyProfileParses() throws Exception {
        Profile netty = Profiles.load("netty");
        assertThat(netty.objectType()).isEqualTo("io/netty/util/ReferenceCounted");
        assertThat(netty.targets()).filteredOn(t -> t.role() == Role.TRANSFER).singleElement()
                .satisfies(t -> assertThat(t.objectArgument()).isEqualTo(1));
        assertThat(netty.targets()).filteredOn(t -> t.role() == Role.LOOKUP).allMatch(Target::anyParameters);
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
                + "'a.B#h' (expected: Class#method(Types), e.g. io.netty.util.ReferenceCounted#release())");
        assertThat(error(base + "type = c.D\n")).isEqualTo(
                "reftrace: profile bad.profile:5: field 'type' is 'c.D' (expected: once per file (it is given again))");
        assertThat(ProfileParser.parse("ok.profile", base + "free = a.B#destroy()\n").targets())
                .extracting(Target::role).contains(Role.FREE);
        assertThat(error(base + "color = red\n")).startsWith(
                "reftrace: profile bad.profile:5: unknown field 'color' (expected one of: name, kind, type,");
        assertThat(error(base + "count-floor = -2\n")).isEqualTo(
                "reftrace: profile bad.profile:5: field 'count-floor' is '-2' (expected: a whole number >= 0)");
        assertThat(error(base + "put = Entry#release()\n")).isEqualTo("reftrace: profile bad.profile:5: field 'put' is "
                + "'Entry' (expected: a fully qualified class name, e.g. com.example.Entry)");
        assertThat(error(base + "transfer = a.B#t(int) object=x\n")).isEqualTo("reftrace: profile bad.profile:5: "
                + "field 'transfer' is 'a.B#t(int) object=x' (expected: object=N with N an argument index >= 0)");
        assertThat(error(base + "just words\n")).isEqualTo(
                "reftrace: profile bad.profile:5: 'just words' (expected: key = value)");
        assertThat(error("type = a.B\nhold = a.B#h()\nput = a.B#p()\n"))
                .isEqualTo("reftrace: profile bad.profile: field 'name' is missing (expected: name = NAME)");
        assertThat(error("name = x\ntype = a.B\nhold = a.B#h()\n")).startsWith(
                "reftrace: profile bad.profile: needs at least one 'hold' (or 'alloc') and one 'put'");
    }

    @Test
    void aMissingProfileFileIsNamed() {
        assertThatThrownBy(() -> Profiles.load("/no/such.profile")).hasMessage("reftrace: agent option "
                + "'profile=/no/such.profile' is invalid (expected: netdev, netty, or the path of a profile file; "
                + "no such file)");
    }
}
