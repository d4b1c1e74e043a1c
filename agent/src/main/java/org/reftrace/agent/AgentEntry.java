package org.reftrace.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.function.Function;
import java.util.jar.JarFile;

/**
 * The agent's entry point ({@code Premain-Class} and {@code Agent-Class}): JDK types only, it makes the
 * bootstrap facade visible to every class loader, then starts the real agent in its own loader. Anything that
 * goes wrong is one line on stderr and the program runs on without the agent.
 *
 * <p>A second {@code agentmain} call (e.g. {@code reftrace dump PID} to an agent without a control folder) is a
 * command to the running agent. After each start, the system property {@code reftrace.agent.verdict} is
 * {@code ok} or the lines that kept the agent off, for {@code reftrace attach} to report.
 */
public final class AgentEntry {
    private static final String INSTALLER = "org.reftrace.agent.install.AgentInstaller";
    /** Read by {@code reftrace attach} through the attach API after loading the agent: its verdict on the options. */
    private static final String VERDICT_PROPERTY = "reftrace.agent.verdict";
    /** The running agent's command handler; set once. */
    private static Function<String, String> commands;

    private AgentEntry() {}

    public static void premain(String options, Instrumentation inst) {
        start(options, inst, false);
    }

    public static void agentmain(String options, Instrumentation inst) {
        start(options, inst, true);
    }

    @SuppressWarnings("unchecked")
    private static synchronized void start(String options, Instrumentation inst, boolean attached) {
        if (commands != null) {
            String reply = commands.apply(options == null ? "" : options);
            if (reply != null && !reply.isEmpty()) {
                System.err.println(reply);
            }
            return;
        }
        System.clearProperty(VERDICT_PROPERTY); // the installer sets it: "ok", or why the agent stayed off
        try {
            String jarPath = agentJar();
            JarFile jar = new JarFile(jarPath);
            inst.appendToBootstrapClassLoaderSearch(jar); // org/reftrace/agent/bootstrap/* load from bootstrap
            ClassLoader loader = new AgentClassLoader(new JarFile(jarPath), jarPath);
            Class<?> installer = Class.forName(INSTALLER, true, loader);
            commands = (Function<String, String>) installer
                    .getMethod("install", Instrumentation.class, String.class, boolean.class)
                    .invoke(null, inst, options, attached);
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
            String line = "reftrace: the agent failed to start (" + cause + "); the program runs on without it";
            System.err.println(line);
            System.setProperty(VERDICT_PROPERTY, line);
        }
    }

    /**
     * The agent jar: where this class came from, unless that is a copy of the agent's classes on the application's
     * class path (a program that depends on {@code reftrace-agent} as a library: the system loader finds its copy
     * of this class before the agent jar the JVM appended behind it). Then the agent jar is the first on the
     * system class path that holds the installer in the agent's private folder.
     */
    private static String agentJar() throws Exception {
        String own = new File(AgentEntry.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        String installer = AgentClassLoader.PREFIX + INSTALLER.replace('.', '/') + ".classdata";
        if (own.endsWith(".jar")) {
            try (JarFile jar = new JarFile(own)) {
                if (jar.getEntry(installer) != null) {
                    return own;
                }
            }
        }
        java.net.URL found = ClassLoader.getSystemResource(installer);
        if (found == null || !found.getProtocol().equals("jar")) {
            throw new IllegalStateException("no reftrace agent jar found: " + own + " holds the agent's classes but "
                    + "not its private folder, and no agent jar is on the system class path");
        }
        String path = found.getPath(); // file:/path/to/reftrace-agent.jar!/inst/...
        return new File(new java.net.URI(path.substring(0, path.indexOf("!/")))).getPath();
    }
}
