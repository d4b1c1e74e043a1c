package org.reftrace.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The JVMs on this machine, through the attach API: listing, loading the agent, sending it commands. */
final class Jvms {
    /** The property the agent sets in a JVM it runs in. */
    static final String AGENT_PROPERTY = "reftrace.agent";

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

    /** Loads the agent jar into the JVM with these options. */
    static void loadAgent(long pid, String agentJar, String options) throws JvmError {
        VirtualMachine vm = attach(pid);
        try {
            vm.loadAgent(agentJar, options);
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
        VirtualMachine vm = attach(pid);
        try {
            return vm.getSystemProperties().getProperty(AGENT_PROPERTY) != null;
        } catch (IOException e) {
            throw new JvmError("reftrace: cannot read JVM " + pid + "'s properties: " + e.getMessage());
        } finally {
            detach(vm);
        }
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
