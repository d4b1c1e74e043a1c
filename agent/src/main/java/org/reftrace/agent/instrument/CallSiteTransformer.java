package org.reftrace.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.record.SiteTable;

/**
 * Finds the classes that call a profile's hold, put or lookup methods and rewrites those call sites
 * ({@link CallSiteRewriter}). A class is only parsed when its constant pool mentions a target's declaring
 * class, so the cost for every other class is one byte search. When the declaring class itself loads, the
 * profile's methods are checked to exist, so a renamed method is reported instead of silently missed.
 *
 * <p>Thread-safe: class loading may run it on many threads.
 */
public final class CallSiteTransformer implements ClassFileTransformer {
    private static final String[] SKIPPED = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "org/reftrace/agent/"};

    private final TargetMatcher targets;
    private final Set<String> needles;
    private final SiteTable sites;
    private final String trackedTypeDescriptor;
    private final InstrumentationReport report;

    public CallSiteTransformer(Profile profile, SiteTable sites, InstrumentationReport report) {
        this.targets = new TargetMatcher(profile);
        this.needles = targets.needles();
        this.sites = sites;
        this.trackedTypeDescriptor = "L" + (profile.ownerType() != null ? profile.ownerType() : profile.objectType()) + ";";
        this.report = report;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) {
        if (className == null || isSkipped(className)) {
            return null;
        }
        try {
            if (targets.exactOwners().contains(className)) {
                checkTargetsExist(className, bytes);
            }
            if (!mentionsTarget(bytes)) {
                return null;
            }
            return rewrite(loader, className, bytes);
        } catch (Throwable t) {
            report.failed(className, t);
            return null;
        }
    }

    private static boolean isSkipped(String className) {
        for (String prefix : SKIPPED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A cheap pre-check: class and method names in the constant pool are plain ASCII in modified UTF-8. */
    private boolean mentionsTarget(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private byte[] rewrite(ClassLoader loader, String className, byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        java.util.List<CallSiteRewriter> rewriters = new java.util.ArrayList<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String superName;
            private String source;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                this.superName = superName;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public void visitSource(String sourceFile, String debug) {
                this.source = sourceFile;
                super.visitSource(sourceFile, debug);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                CallSiteRewriter rewriter = new CallSiteRewriter(next, targets, loader, sites, className, superName,
                        source, access, name, descriptor, trackedTypeDescriptor);
                rewriters.add(rewriter);
                return rewriter;
            }
        }, 0);
        if (rewriters.stream().noneMatch(CallSiteRewriter::changed)) {
            return null;
        }
        report.instrumented(className);
        return writer.toByteArray();
    }

    private void checkTargetsExist(String className, byte[] bytes) {
        Set<String> declared = new HashSet<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                declared.add(className + "." + name + descriptor);
                return null;
            }
        }, ClassReader.SKIP_CODE);
        for (String key : targets.exactTargets().keySet()) {
            if (key.startsWith(className + ".") && !declared.contains(key)) {
                report.failed(className, new NoSuchMethodException("profile method " + key.replace('/', '.')
                        + " does not exist: its calls cannot be recorded"));
            }
        }
    }
}
