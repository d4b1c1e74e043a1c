package org.reftrace.replay.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interpreter on the shell constructs real selftests use; external commands are recorded, not run. */
class ShellTest {
    private final List<String> ran = new ArrayList<>();
    private final Io.Buffer out = new Io.Buffer();
    private final Io.Buffer err = new Io.Buffer();
    private final Ledger ledger = new Ledger();

    private final Shell.Commands commands = new Shell.Commands() {
        @Override
        public int run(List<String> argv, Node.Simple node, Shell.Frame frame) {
            ran.add(String.join(" ", argv) + (frame.netns() != null ? " @" + frame.netns() : ""));
            ledger.record(frame.file(), node.line(), Ledger.Outcome.RAN, node.text(), null);
            if (argv.get(0).equals("fail")) {
                return 1;
            }
            if (argv.get(0).equals("say")) {
                frame.io().out().println(String.join(" ", argv.subList(1, argv.size())));
            }
            return 0;
        }

        @Override
        public boolean knows(String name) {
            return name.equals("ip");
        }
    };

    private final Shell.FileSystem fs = new Shell.FileSystem() {
        @Override
        public boolean test(char op, String path, Shell.Frame frame) {
            return path.equals("/exists");
        }

        @Override
        public void write(String path, String text, boolean append, Shell.Frame frame, int line) {
            ran.add("write " + path + " " + text.strip());
        }

        @Override
        public String read(String path, Shell.Frame frame) {
            return path.equals("lib.sh") ? "helper() { ip link add \"$1\" type dummy; }\n" : null;
        }
    };

    private int run(String script) {
        Shell shell = new Shell(commands, fs, ledger);
        Parser.Program program = shell.load(script, "t.sh");
        assertThat(program.errors()).isEmpty();
        return shell.run(program, "t.sh", List.of("first", "second arg"), new Io("", out, err));
    }

    @Test
    void variablesQuotesAndExpansionOperators() {
        run("""
                ns=x; ip netns add $ns
                ip netns del "t1"
                name='a b'; ip link add "$name" type dummy
                ip link add ${undefined:-def} ${ns}y "${ns:+alt}" ${#name}
                v=dummy0.1.2; ip link show ${v%.*} ${v##*.} ${v/./-} ${v^^}
                ip -n "$1" "$2" $#
                """);
        assertThat(ran).containsExactly("ip netns add x", "ip netns del t1", "ip link add a b type dummy",
                "ip link add def xy alt 3", "ip link show dummy0.1 2 dummy0-1.2 DUMMY0.1.2", "ip -n first second arg 2");
    }

    @Test
    void continuationsLoopsFunctionsAndCase() {
        run("""
                ip link add br0 \\
                	type bridge
                for i in 1 2 3; do ip link add d$i type dummy; done
                mk() {
                	local n=$1
                	ip link add "$n" type ${2:-veth}
                	return 3
                }
                mk v0 || ip link set v0 up
                case "$1" in
                	fir*) ip link del x ;;
                	*) ip link del y ;;
                esac
                n=0
                while [ $n -lt 2 ]; do n=$((n + 1)); ip link set d$n down; done
                for ((j = 0; j < 2; j++)); do ip link set e$j up; done
                """);
        assertThat(ran).containsExactly("ip link add br0 type bridge", "ip link add d1 type dummy",
                "ip link add d2 type dummy", "ip link add d3 type dummy", "ip link add v0 type veth",
                "ip link set v0 up", "ip link del x", "ip link set d1 down", "ip link set d2 down",
                "ip link set e0 up", "ip link set e1 up");
    }

    @Test
    void commandSubstitutionArraysAndPipelines() {
        run("""
                x=$(say hello world)
                ip link add "$x" type dummy
                arr=(a b)
                arr+=(c)
                for e in "${arr[@]}"; do ip link add $e; done
                ip link show ${#arr[@]} ${arr[1]}
                say one | ip link show
                [[ $x == hello* ]] && ip link set ok up
                declare -A map
                map[k]=v
                ip link set ${map[k]}
                """);
        assertThat(ran).containsExactly("say hello world", "ip link add hello world type dummy", "ip link add a",
                "ip link add b", "ip link add c", "ip link show 3 b", "say one", "ip link show", "ip link set ok up",
                "ip link set v");
    }

    @Test
    void setEStopsAtTheFirstFailureOutsideConditionsAndTheExitTrapRuns() {
        int status = run("""
                cleanup() { ip link del "$dev"; }
                trap cleanup EXIT
                set -e
                dev=d0
                fail || true
                if fail; then ip link add never; fi
                fail && ip link add never
                ! fail
                f() { fail && say inner; }
                { fail || say group; }
                fail
                ip link add unreachable
                """);
        assertThat(status).isEqualTo(1);
        assertThat(ran).containsExactly("fail", "fail", "fail", "fail", "fail", "say group", "fail", "ip link del d0");
    }

    /** What forwarding/lib.sh and its kin lean on: read, local without splitting, [[ != ]], =~ groups, keys. */
    @Test
    void readLocalAssignmentsDoubleBracketsAndArrayKeys() {
        run("""
                f() { local expr=$1; shift; local c=5; ((c $expr)) && say "ok $expr"; }
                f ">= 0"
                x=3
                [[ $x != 0 ]] && say ne
                [[ ab =~ ^(a|b)b$ ]] && say re
                read -r a b <<< "one two three"
                say "$a|$b"
                while read k v; do say "<$k=$v>"; done <<EOF
                p1 veth0
                p2 veth1
                EOF
                declare -A NETIFS
                NETIFS[p1]=veth0
                NETIFS[p2]=veth1
                say ${!NETIFS[@]}
                """);
        assertThat(out.text()).isEqualTo("ok >= 0\nne\nre\none|two three\n<p1=veth0>\n<p2=veth1>\np1 p2\n");
    }

    /** bash: a failure before the last {@code &&} or {@code ||} of a list does not end a {@code set -e} script. */
    @Test
    void setEIgnoresAFailedTestThatGuardsTheNextCommand() {
        int status = run("set -e\nDEBUG=0\ntest ${DEBUG} -ne 0 && set -x\nip link add d0 type dummy\n");
        assertThat(status).isZero();
        assertThat(ran).containsExactly("ip link add d0 type dummy");
    }

    @Test
    void redirectionsSourceAndTests() {
        run("""
                echo 1 > /proc/sys/net/ipv4/ip_forward
                ip link add d0 type dummy >/dev/null 2>&1
                source lib.sh
                helper d9
                [ -e /exists ] && ip link add yes
                test -z "" && [ "a" != "b" ] && ip link add ok
                eval "ip link add evaluated"
                """);
        assertThat(ran).containsExactly("write /proc/sys/net/ipv4/ip_forward 1", "ip link add d0 type dummy",
                "ip link add d9 type dummy", "ip link add yes", "ip link add ok", "ip link add evaluated");
        assertThat(ledger.entries()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("lib.sh");
            assertThat(e.outcome()).isEqualTo(Ledger.Outcome.RAN);
        });
    }

    @Test
    void unparsableConstructsAreReportedWithTheirLineAndTheRestRuns() {
        Shell shell = new Shell(commands, fs, ledger);
        Parser.Program program = shell.load("ip link add a\nselect x in a b; do ip link add c; done\n"
                + "cat <<EOF\nip link add not-a-command\nEOF\nip link add b\n", "t.sh");
        assertThat(program.errors()).extracting(ShellError::line).containsExactly(2);
        shell.run(program, "t.sh", List.of(), new Io("", out, err));
        assertThat(ran).containsExactly("ip link add a", "cat", "ip link add b"); // a here-document is input
        assertThat(ledger.entries()).filteredOn(e -> e.outcome() == Ledger.Outcome.UNSUPPORTED)
                .extracting(Ledger.Entry::line, Ledger.Entry::command).containsExactly(tuple(2, "select"));
        assertThat(ledger.counts().get(Ledger.Outcome.UNSUPPORTED)).isGreaterThanOrEqualTo(1);
    }
}
