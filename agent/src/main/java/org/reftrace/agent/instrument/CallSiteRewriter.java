package org.reftrace.agent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.SiteTable;

/**
 * Rewrites one method: before (or after) each call to a profile's hold, put or lookup method it inserts a call
 * to the bootstrap facade with the object, its owner candidates and the call site's id, a constant. The
 * original call stays as it was; the operand stack is the same before and after every inserted sequence, so
 * no stack map frame changes.
 *
 * <p>Owner candidates: the caller's first parameter of the tracked type (the device whose callback this is) and
 * the caller's {@code this} ({@code null} in static methods, and in constructors until {@code super()} ran).
 */
final class CallSiteRewriter extends MethodVisitor {
    private static final String HOOKS = "org/reftrace/agent/bootstrap/Hooks";
    private static final String OBJECT = "Ljava/lang/Object;";
    /** Stack slots the longest inserted sequence needs above the call's own arguments. */
    private static final int EXTRA_STACK = 5;

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
    private final int argOwnerSlot;
    private int line;
    private int pendingNews;
    private boolean thisInitialized;
    private boolean changed;

    CallSiteRewriter(MethodVisitor next, TargetMatcher targets, ClassLoader loader, SiteTable sites,
            String internalName, String superName, String sourceFile, int access, String methodName,
            String descriptor, String trackedTypeDescriptor) {
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
        this.argOwnerSlot = slotOfFirstParameter(descriptor, trackedTypeDescriptor, isStatic);
    }

    /** The local slot of the first parameter of the tracked type, or -1. */
    private static int slotOfFirstParameter(String descriptor, String typeDescriptor, boolean isStatic) {
        int slot = isStatic ? 0 : 1;
        for (Type argument : Type.getArgumentTypes(descriptor)) {
            if (argument.getDescriptor().equals(typeDescriptor)) {
                return slot;
            }
            slot += argument.getSize();
        }
        return -1;
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
        Target target = opcode == Opcodes.INVOKESPECIAL ? null
                : targets.match(loader, internalName, opcode, owner, name, descriptor);
        if (target == null) {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            return;
        }
        int site = sites.register(className, methodName, sourceFile, line, target.id());
        changed = true;
        switch (target.role()) {
            case HOLD, PUT -> {
                // stack: ..., object (the only argument of a static call, or the receiver of an instance one)
                super.visitInsn(Opcodes.DUP);                       // ..., object, object
                pushOwnersAndSite(site);                             // ..., object, object, argOwner, this, site
                hook(target.role() == org.reftrace.agent.profile.Role.HOLD ? "hold" : "put",
                        "(" + OBJECT + OBJECT + OBJECT + "I)V");    // ..., object
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
            case HOLD_TRACKED, PUT_TRACKED, TRACKER_ALLOC -> {
                // stack: ..., object, tracker
                super.visitInsn(Opcodes.DUP2);                      // ..., object, tracker, object, tracker
                pushOwnersAndSite(site);
                String hook = switch (target.role()) {
                    case HOLD_TRACKED -> "holdTracked";
                    case PUT_TRACKED -> "putTracked";
                    default -> "trackerAlloc";
                };
                hook(hook, "(" + OBJECT + OBJECT + OBJECT + OBJECT + "I)V"); // ..., object, tracker
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
            case LOOKUP -> {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface); // ..., result
                super.visitInsn(Opcodes.DUP);                                       // ..., result, result
                pushOwnersAndSite(site);
                hook("lookup", "(" + OBJECT + OBJECT + OBJECT + "I)V");              // ..., result
            }
            case LOOKUP_TRACKED -> {
                // stack: ..., args..., tracker (the tracker is the last argument)
                super.visitInsn(Opcodes.DUP);                       // ..., args..., tracker, tracker
                pushOwnersAndSite(site);
                hook("lookupTracked", "(" + OBJECT + OBJECT + OBJECT + "I)V"); // ..., args..., tracker
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface); // ..., result
                super.visitInsn(Opcodes.DUP);                                       // ..., result, result
                hook("lookupTrackedResult", "(" + OBJECT + ")V");                   // ..., result
            }
            default -> super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }

    /** Pushes argOwner, thisOwner and the site id: three more slots. */
    private void pushOwnersAndSite(int site) {
        if (argOwnerSlot >= 0) {
            super.visitVarInsn(Opcodes.ALOAD, argOwnerSlot);
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
        if (!isStatic && thisInitialized) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
        super.visitLdcInsn(site);
    }

    private void hook(String name, String descriptor) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
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
