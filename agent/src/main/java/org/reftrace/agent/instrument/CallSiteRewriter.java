package org.reftrace.agent.instrument;

import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.SiteTable;

/**
 * Rewrites one method: just before each call to a profile method that takes or drops references, it marks the
 * call site for the callee's advice, which records the reference: {@code Hooks.site(id, argOwner, argOwner2,
 * this)}. The call itself stays as it was and the operand stack is the same before and after the inserted
 * sequence, so no stack map frame changes.
 *
 * <p>Owner candidates: the caller's first two parameters whose type is a tracked type (the device whose
 * callback this is, the dst a function initialises), and the caller's {@code this} ({@code null} in static
 * methods, and in constructors until {@code super()} ran).
 */
final class CallSiteRewriter extends MethodVisitor {
    private static final String HOOKS = "org/reftrace/agent/bootstrap/Hooks";
    /** Stack slots the inserted sequence needs above what the call itself uses. */
    private static final int EXTRA_STACK = 4;

    private final TargetMatcher targets;
    private final ClassLoader loader;
    private final SiteTable sites;
    private final String className;
    private final String methodName;
    private final String sourceFile;
    private final boolean isStatic;
    private final boolean isConstructor;
    private final String superName;
    private final String internalName;
    private final int[] ownerSlots;
    private int line;
    private int pendingNews;
    private boolean thisInitialized;
    private boolean changed;

    CallSiteRewriter(MethodVisitor next, TargetMatcher targets, ClassLoader loader, SiteTable sites,
            String internalName, String superName, String sourceFile, int access, String methodName,
            String descriptor, Set<String> ownerTypeDescriptors) {
        super(Opcodes.ASM9, next);
        this.targets = targets;
        this.loader = loader;
        this.sites = sites;
        this.internalName = internalName;
        this.className = internalName.replace('/', '.');
        this.superName = superName;
        this.sourceFile = sourceFile;
        this.methodName = methodName;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.isConstructor = methodName.equals("<init>");
        this.thisInitialized = !isConstructor;
        this.ownerSlots = ownerParameterSlots(descriptor, ownerTypeDescriptors, isStatic);
    }

    /** The local slots of the first two parameters of an owner type ({@code -1} when there are fewer). */
    private static int[] ownerParameterSlots(String descriptor, Set<String> typeDescriptors, boolean isStatic) {
        int[] slots = {-1, -1};
        int found = 0;
        int slot = isStatic ? 0 : 1;
        for (Type argument : Type.getArgumentTypes(descriptor)) {
            if (found < 2 && typeDescriptors.contains(argument.getDescriptor())) {
                slots[found++] = slot;
            }
            slot += argument.getSize();
        }
        return slots;
    }

    boolean changed() {
        return changed;
    }

    @Override
    public void visitLineNumber(int lineNumber, org.objectweb.asm.Label start) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        if (opcode == Opcodes.NEW) {
            pendingNews++;
        }
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
            trackConstructorCall(owner);
        }
        Target target = targets.match(loader, opcode, owner, name, descriptor);
        if (target != null) {
            int site = sites.register(className, methodName, sourceFile, line, target.id());
            changed = true;
            // stack: ..., call arguments
            super.visitLdcInsn(site);                   // ..., args, site
            pushSlot(ownerSlots[0]);                    // ..., args, site, argOwner
            pushSlot(ownerSlots[1]);                    // ..., args, site, argOwner, argOwner2
            if (!isStatic && thisInitialized) {
                super.visitVarInsn(Opcodes.ALOAD, 0);   // ..., args, site, argOwner, argOwner2, this
            } else {
                super.visitInsn(Opcodes.ACONST_NULL);
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "site",
                    "(ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)V", false); // ..., args
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    private void pushSlot(int slot) {
        if (slot >= 0) {
            super.visitVarInsn(Opcodes.ALOAD, slot);
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
    }

    /** In a constructor, {@code this} may be used only after its own {@code super()}/{@code this()} call. */
    private void trackConstructorCall(String owner) {
        if (pendingNews > 0) {
            pendingNews--; // initialises an object made with NEW, not this
        } else if (isConstructor && (owner.equals(superName) || owner.equals(internalName))) {
            thisInitialized = true;
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(changed ? maxStack + EXTRA_STACK : maxStack, maxLocals);
    }
}
