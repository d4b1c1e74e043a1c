package org.reftrace.replay;

import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import org.reftrace.netdev.Net;

/**
 * {@code ip netns add|delete|list|exec|pids|identify|set}: namespaces of the model by name, as
 * {@code /var/run/netns/NAME} names them. {@code ip netns delete} returns at once; the namespace is dismantled
 * by {@code cleanup_net()} on the {@code netns} kworker.
 */
final class IpNetns {
    private final IpCommand ip;

    IpNetns(IpCommand ip) {
        this.ip = ip;
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            return list();
        }
        String verb = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (IpCommand.matches(verb, "list") || IpCommand.matches(verb, "show")) {
            return list();
        }
        if (IpCommand.matches(verb, "add")) {
            String name = IpCommand.arg(rest, 0);
            if (netnsAdd(ip.replayer.kernel(), name) == null) {
                ip.frame.io().err().println("Cannot create namespace file \"/var/run/netns/" + name + "\": File exists");
                return 1;
            }
            return 0;
        }
        if (IpCommand.matches(verb, "delete")) {
            if (ip.all) {
                for (Net net : ip.replayer.kernel().namespaces()) {
                    if (net != ip.replayer.kernel().initNet() && netnsFind(ip.replayer.kernel(), net.name()) == net) {
                        netnsDel(net);
                    }
                }
                return 0;
            }
            String name = IpCommand.arg(rest, 0);
            Net net = netnsFind(ip.replayer.kernel(), name);
            if (net == null) {
                ip.frame.io().err().println("Cannot remove namespace file \"/var/run/netns/" + name
                        + "\": No such file or directory");
                return 1;
            }
            netnsDel(net);
            return 0;
        }
        if (IpCommand.matches(verb, "exec")) {
            return exec(rest);
        }
        if (IpCommand.matches(verb, "pids") || IpCommand.matches(verb, "identify")
                || IpCommand.matches(verb, "list-id")) {
            return 0; // no processes live in the model's namespaces
        }
        if (IpCommand.matches(verb, "set")) {
            IpCommand.arg(rest, 1);
            return 0; // a namespace id changes nothing the model keeps
        }
        throw new ReplayUnsupported(verb, "'ip netns " + verb + "' is not supported (supported: add, delete, list, "
                + "exec, pids, identify, set)");
    }

    private int list() {
        for (Net net : ip.replayer.kernel().namespaces()) {
            if (net != ip.replayer.kernel().initNet() && netnsFind(ip.replayer.kernel(), net.name()) == net) {
                ip.frame.io().out().println(net.name());
            }
        }
        return 0;
    }

    /** {@code ip netns exec NAME COMMAND...}: the command runs in the namespace ({@code -all}: in each). */
    private int exec(List<String> args) {
        List<String> names = new ArrayList<>();
        int at = 0;
        if (ip.all) {
            for (Net net : ip.replayer.kernel().namespaces()) {
                if (net != ip.replayer.kernel().initNet() && netnsFind(ip.replayer.kernel(), net.name()) == net) {
                    names.add(net.name());
                }
            }
        } else {
            names.add(IpCommand.arg(args, 0));
            at = 1;
        }
        List<String> command = args.subList(at, args.size());
        if (command.isEmpty()) {
            ip.frame.io().err().println("No command specified");
            return 255;
        }
        int status = 0;
        for (String name : names) {
            if (netnsFind(ip.replayer.kernel(), name) == null) {
                ip.frame.io().err().println("Cannot open network namespace \"" + name + "\": No such file or directory");
                return 255;
            }
            status = ip.replayer.shell().runCommand(new ArrayList<>(command), ip.node, ip.frame.withNetns(name));
        }
        return status;
    }
}
