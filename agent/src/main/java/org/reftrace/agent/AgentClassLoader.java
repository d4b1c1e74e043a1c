package org.reftrace.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Loads the agent's implementation (its recorder, ByteBuddy, ASM, HdrHistogram, Jackson), stored in the agent
 * jar under {@code inst/} as {@code .classdata} files, so that no class loader of the application can see
 * them: the agent jar is on the system class path, but only its entry point and its bootstrap facade are
 * stored as ordinary classes. Parent: the platform loader (JDK modules, and the bootstrap facade appended to
 * the bootstrap search path).
 *
 * <p>Thread-safe (parallel capable).
 */
final class AgentClassLoader extends ClassLoader {
    static final String PREFIX = "inst/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;

    AgentClassLoader(JarFile jar, String jarPath) {
        super("reftrace-agent", ClassLoader.getPlatformClassLoader());
        this.jar = jar;
        this.jarUrl = "jar:" + new java.io.File(jarPath).toURI() + "!/";
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ZipEntry entry = jar.getEntry(PREFIX + name.replace('.', '/') + ".classdata");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException alreadyDefinedConcurrently) {
                    // another thread defined it first: fine
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** Class files are found under their {@code .classdata} names (ByteBuddy reads advice classes this way). */
    @Override
    protected URL findResource(String name) {
        String stored = PREFIX + (name.endsWith(".class") ? name.substring(0, name.length() - 6) + ".classdata" : name);
        if (jar.getEntry(stored) == null) {
            return null;
        }
        try {
            return new URL(jarUrl + stored);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        String stored = PREFIX + (name.endsWith(".class") ? name.substring(0, name.length() - 6) + ".classdata" : name);
        ZipEntry entry = jar.getEntry(stored);
        if (entry == null) {
            return super.getResourceAsStream(name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            in.transferTo(copy);
            return new java.io.ByteArrayInputStream(copy.toByteArray());
        } catch (IOException e) {
            return null;
        }
    }
}
