package org.reftrace.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.profile.ProfileSet;
import org.reftrace.agent.record.SiteTable;

/**
 * Finds the classes that call a profile's methods that take or drop references, and marks those call sites
 * ({@link CallSiteRewriter}) so the callee's advice knows the site and the owner. A class is only parsed when its
 * constant pool mentions a target's declaring class or method name, so the cost for every other class is one byte
 * search.
 *
 * <p>Thread-safe: class loading may run it on many threads.
 */
public final class CallSiteTransformer implements ClassFileTransformer {
    static final String[] SKIPPED = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "org/reftrace/agent/"};

    private final TargetMatcher targets;
    private final Set<String> needles;
    private final SiteTable sites;
    private final Set<String> ownerTypeDescriptors = new HashSet<>();
    private final InstrumentationReport report;

    public CallSiteTransformer(ProfileSet profiles, SiteTable sites, InstrumentationReport report) {
        this.targets = new TargetMatcher(profiles);
        this.needles = targets.needles();
        this.sites = sites;
        this.report = report;
        for (Profile p : profiles.profiles()) {
            ownerTypeDescriptors.add("L" + p.type() + ";");
            if (p.ownerType() != null) {
                ownerTypeDescriptors.add("L" + p.ownerType() + ";");
            }
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) {
        if (className == null || isSkipped(className)) {
            return null;
        }
        try {
            if (!mentionsTarget(bytes)) {
                return null;
            }
            return rewrite(loader, className, bytes);
        } catch (Throwable t) {
            report.failed(className, t);
            return null;
        }
    }

    static boolean isSkipped(String className) {
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
        List<CallSiteRewriter> rewriters = new ArrayList<>();
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
                        source, access, name, descriptor, ownerTypeDescriptors);
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
}
