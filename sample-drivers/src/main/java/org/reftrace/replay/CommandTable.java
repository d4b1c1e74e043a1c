package org.reftrace.replay;

import java.util.Set;

/**
 * What the replay does with each command name a script runs: lifecycle commands it runs against the model,
 * wrappers it looks through, utilities whose output scripts use, and the commands it skips because they change
 * nothing the model keeps (traffic, qdiscs, offloads, text tools). Anything else is unknown: unsupported.
 */
final class CommandTable {
    /** Commands that create, change or delete what the model keeps. */
    static final Set<String> LIFECYCLE = Set.of("ip", "modprobe", "rmmod", "sysctl", "ping", "ping6");
    /** Commands that run another command: the inner one counts. */
    static final Set<String> WRAPPERS = Set.of("sudo", "timeout", "nohup", "stdbuf", "nice", "ionice", "setsid",
            "taskset", "chrt", "flock", "time", "env");
    /** Shells: {@code sh -c 'SCRIPT'} runs the script here. */
    static final Set<String> SHELLS = Set.of("sh", "bash", "dash");
    /** Tools whose output scripts read; the replay answers them (no lifecycle effect). */
    static final Set<String> UTILITIES = Set.of("mktemp", "seq", "basename", "dirname", "date", "cat", "head",
            "tail", "sleep", "uname", "id", "whoami", "hostname", "nproc", "lsmod", "expr", "wc", "yes", "tee",
            "true", "false", "printenv", "grep", "egrep", "fgrep", "sort", "uniq", "cut", "tr", "awk", "gawk",
            "mawk", "jq");
    /**
     * Commands that change nothing the model keeps, skipped with status 0 and no output: traffic, capture,
     * qdiscs, offloads, forwarding tables, firewall, text processing, files.
     */
    static final Set<String> SKIPPED = Set.of("arping", "tc", "ethtool", "tcpdump", "tshark", "iperf", "iperf3",
            "nc", "ncat", "netcat", "socat", "netperf", "netserver", "sed", "xargs", "pkill", "kill", "killall", "rm",
            "touch", "mkdir", "rmdir", "chmod", "chown", "cp", "mv", "ln", "ls", "find", "stat", "readlink",
            "realpath", "ss", "netstat", "nstat", "ifstat", "bridge", "nft", "iptables", "ip6tables",
            "iptables-save", "iptables-restore", "ip6tables-save", "ebtables", "arptables", "udevadm", "dmesg",
            "logger", "hexdump", "od", "xxd", "python", "python3", "perl", "mausezahn", "mz", "devlink", "ndisc6",
            "rdisc6", "dhclient", "conntrack", "ipset", "wget", "curl", "diff", "cmp", "md5sum", "sha256sum",
            "base64", "bc", "strace", "sync", "trafgen", "tput", "clear", "column", "paste", "fold", "rev", "less",
            "more", "file", "getconf", "ulimit", "ifb", "nettest", "udpgso", "msg_zerocopy", "reuseport_bpf",
            "tcp_mmap", "psock_tpacket", "socket", "ip6_route_exc", "bpftool");

    private CommandTable() {}

    static boolean knows(String name) {
        return LIFECYCLE.contains(name) || WRAPPERS.contains(name) || SHELLS.contains(name)
                || UTILITIES.contains(name) || SKIPPED.contains(name);
    }
}
