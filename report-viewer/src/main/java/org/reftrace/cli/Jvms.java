package org.reftrace.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** The JVMs on this machine, through the attach API: listing, loading the agent, sending it commands. */
final class Jvms {
    /** The property the agent sets in a JVM it runs in. */
    static final String AGENT_PROPERTY = "reftrace.agent";
    /** The agent's verdict on the options of the last load: {@code ok}, or the lines that kept it off. */
    static final String VERDICT_PROPERTY = "reftrace.agent.verdict";
    /** The agent's control folder, for requests that need no new agent load. */
    static final String CONTROL_PROPERTY = "reftrace.agent.control";
    /** The options the running agent was given, and its exit dump's path (or {@code off}). */
    static final String OPTIONS_PROPERTY = "reftrace.agent.options";
    static final String DUMP_PROPERTY = "reftrace.agent.dump";

    /** A JVM found: its pid, its main class, and whether it runs the agent (null: could not attach to ask). */
    record Found(long pid, String displayName, Boolean hasAgent, String problem) {}

    /** A failure to reach or use a JVM, with a message that says what to do. */
    static final class JvmError extends Exception {
        JvmError(String message) {
            super(message);
        }
    }

    private Jvms() {}

    static List<Found> list() {
        long self = ProcessHandle.current().pid();
        List<Found> found = new ArrayList<>();
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            long pid = Long.parseLong(d.id());
            if (pid == self) {
                continue;
            }
            try {
                VirtualMachine vm = VirtualMachine.attach(d);
                try {
                    Properties p = vm.getSystemProperties();
                    found.add(new Found(pid, d.displayName(), p.getProperty(AGENT_PROPERTY) != null, null));
                } finally {
                    vm.detach();
                }
            } catch (AttachNotSupportedException | IOException | RuntimeException e) {
                found.add(new Found(pid, d.displayName(), null, e.getMessage()));
            }
        }
        return found;
    }

    /**
     * Loads the agent jar into the JVM with these options, and returns the agent's verdict on them: {@code null}
     * when it runs, else the lines it printed on the target's stderr when it stayed off.
     */
    static List<String> loadAgent(long pid, String agentJar, String options) throws JvmError {
        VirtualMachine vm = attach(pid);
        try {
            vm.loadAgent(agentJar, options);
            String verdict = vm.getSystemProperties().getProperty(VERDICT_PROPERTY);
            return verdict == null || verdict.equals("ok") ? null : verdict.lines().toList();
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new JvmError("reftrace: the agent did not start in JVM " + pid + ": " + e.getMessage()
                    + " (its stderr says why)");
        } catch (IOException e) {
            throw new JvmError("reftrace: lost the connection to JVM " + pid + ": " + e.getMessage());
        } finally {
            detach(vm);
        }
    }

    /** Whether the JVM already runs the agent. */
    static boolean hasAgent(long pid) throws JvmError {
        return properties(pid).getProperty(AGENT_PROPERTY) != null;
    }

    /** The JVM's system properties, where the agent says how it runs ({@code reftrace.agent*}). */
    static Properties properties(long pid) throws JvmError {
        VirtualMachine vm = attach(pid);
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw new JvmError("reftrace: cannot read JVM " + pid + "'s properties: " + e.getMessage());
        } finally {
            detach(vm);
        }
    }

    /**
     * Sends {@code command} ({@code command=dump,file=PATH}) to the agent running in the JVM through its control
     * folder (property {@value #CONTROL_PROPERTY}), without loading an agent again; returns its one-line answer.
     * An agent without a control folder gets the command through {@code loadAgent}, as before.
     */
    static String request(long pid, String agentJar, String command, Duration timeout) throws JvmError {
        String control = properties(pid).getProperty(CONTROL_PROPERTY);
        if (control == null) {
            loadAgent(pid, agentJar, command);
            return null;
        }
        Path dir = Path.of(control);
        String name = "cli-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path reply = dir.resolve(name + ".reply");
        try {
            Path temp = dir.resolve(name + ".tmp");
            Files.writeString(temp, command, StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(name + ".request"), StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Files.exists(reply)) {
                if (System.nanoTime() > deadline || ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(dir.resolve(name + ".request"));
                    throw new JvmError("reftrace: JVM " + pid + " did not answer within " + timeout.toSeconds()
                            + " s" + (ProcessHandle.of(pid).isEmpty() ? " (it has exited)" : " (is it suspended?)"));
                }
                Thread.sleep(20);
            }
            String answer = Files.readString(reply, StandardCharsets.UTF_8);
            Files.deleteIfExists(reply);
            return answer;
        } catch (IOException e) {
            throw new JvmError("reftrace: cannot reach the agent in JVM " + pid + " through " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JvmError("reftrace: interrupted while waiting for JVM " + pid);
        }
    }

    /**
     * The JVM a user names: a pid, or a main class (fully qualified or simple name) or jar file name as
     * {@code reftrace list} shows them.
     */
    static long resolve(String target) throws JvmError {
        if (!target.isEmpty() && target.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(target);
            } catch (NumberFormatException e) {
                throw new JvmError("reftrace: there is no process " + target + " (see 'reftrace list' for the JVMs here)");
            }
        }
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> all = VirtualMachine.list().stream()
                .filter(d -> !d.id().equals(Long.toString(self))).toList();
        List<VirtualMachineDescriptor> matches = all.stream().filter(d -> runs(d.displayName(), target)).toList();
        if (matches.size() == 1) {
            return Long.parseLong(matches.get(0).id());
        }
        String listed = (matches.isEmpty() ? all : matches).stream()
                .map(d -> d.id() + " " + Terminal.escape(mainOf(d.displayName()))).collect(Collectors.joining(", "));
        if (matches.isEmpty()) {
            throw new JvmError("reftrace: no JVM here runs '" + Terminal.escape(target) + "' (expected a pid, a main "
                    + "class or a jar name; JVMs: " + (listed.isEmpty() ? "none" : listed) + ")");
        }
        throw new JvmError("reftrace: '" + Terminal.escape(target) + "' names " + matches.size() + " JVMs (" + listed
                + "): give the pid");
    }

    private static boolean runs(String displayName, String target) {
        String main = mainOf(displayName);
        if (main.isEmpty()) {
            return false;
        }
        String file = Path.of(main).getFileName() == null ? main : Path.of(main).getFileName().toString();
        String simple = main.substring(main.lastIndexOf('.') + 1);
        return main.equals(target) || file.equals(target) || file.equals(target + ".jar")
                || (!main.endsWith(".jar") && simple.equals(target));
    }

    /** The main class or jar of a display name ("org.x.Main arg1 arg2" or "/path/app.jar arg"). */
    static String mainOf(String displayName) {
        String trimmed = displayName == null ? "" : displayName.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static VirtualMachine attach(long pid) throws JvmError {
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new JvmError("reftrace: there is no process " + pid + " (see 'reftrace list' for the JVMs here)");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new JvmError("reftrace: cannot attach to itself (pid " + pid + ")");
        }
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new JvmError("reftrace: process " + pid + " is not a JVM that accepts attach (" + e.getMessage()
                    + "; is it a JVM run by the same user?)");
        } catch (IOException e) {
            throw new JvmError("reftrace: cannot attach to JVM " + pid + ": " + e.getMessage());
        }
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // already gone: nothing to release
        }
    }
}
