package org.reftrace.agent.instrument;

import java.io.InputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The source file and first line of a method, read from its class file, to name a call site for advice. */
final class SourceLines {
    /** Where a method starts. */
    record Location(String file, int line) {}

    private SourceLines() {}

    static Location of(ClassLoader loader, String internalName, String method, String parameters) {
        String resource = internalName + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            if (in == null) {
                return new Location(null, 0);
            }
            String[] file = {null};
            int[] line = {0};
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String source, String debug) {
                    file[0] = source;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    if (!name.equals(method) || !descriptor.startsWith(parameters) || line[0] != 0) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLineNumber(int number, Label start) {
                            if (line[0] == 0 || number < line[0]) {
                                line[0] = number;
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES);
            return new Location(file[0], line[0]);
        } catch (Exception e) {
            return new Location(null, 0);
        }
    }
}
