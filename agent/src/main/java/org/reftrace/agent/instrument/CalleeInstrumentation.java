package org.reftrace.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import org.reftrace.agent.bootstrap.Hooks;
import org.reftrace.agent.profile.ProfileSet;
import org.reftrace.agent.profile.Role;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.SiteTable;

/**
 * Wires ByteBuddy: the same advice ({@link CalleeAdvice}) on every method of every profile, on the class that
 * declares it and on each subclass or implementation that has its own, so a reference is recorded however Java
 * reaches the method. With retransformation, classes loaded before the agent (or before a late attach) are covered
 * too. When a profile's class loads, {@link TargetChecker} checks that what the profile names exists.
 */
public final class CalleeInstrumentation {
    static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private CalleeInstrumentation() {}

    public static void install(Instrumentation inst, ProfileSet profiles, SiteTable sites,
            InstrumentationReport report) {
        Map<String, List<Target>> byOwner = new LinkedHashMap<>();
        for (Target t : profiles.targets()) {
            byOwner.computeIfAbsent(t.className(), c -> new ArrayList<>()).add(t);
        }
        TargetChecker checker = new TargetChecker(profiles, report);
        // The Nexus injects initializers for generated classes; inlined advice has none. Left enabled, its static
        // initializer touches sun.misc.Unsafe, which JDK 24+ warns about on stderr. The property name is the
        // relocated one: it only concerns the agent's own copy of ByteBuddy.
        System.setProperty(NEXUS_DISABLED, "true");
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE) // inlined advice injects no helper class
                .with(new FailureListener(report))
                .ignore(nameStartsWith("org.reftrace.agent.").or(nameStartsWith("java."))
                        .or(nameStartsWith("jdk.")).or(nameStartsWith("sun.")).or(nameStartsWith("com.sun.")));
        // One matcher for every owner, so that each loading class's hierarchy is walked once, not once per owner
        String[] owners = byOwner.keySet().toArray(new String[0]);
        builder = builder.type(hasSuperType(namedOneOf(owners)).and(not(isInterface())))
                .transform((b, type, loader, module, domain) -> {
                    List<Target> applicable = new ArrayList<>();
                    for (String supertype : supertypes(type)) {
                        applicable.addAll(byOwner.getOrDefault(supertype, List.of()));
                    }
                    return adviseAll(b, type, loader, applicable, sites, report);
                });
        builder = builder.type(namedOneOf(checker.classesToCheck().toArray(new String[0])))
                .transform((b, type, loader, module, domain) -> {
                    checker.check(type);
                    return b;
                });
        builder.installOn(inst);
    }

    /** The names of a type, its superclasses and every interface it implements, each once. */
    static java.util.Set<String> supertypes(TypeDescription type) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<net.bytebuddy.description.type.TypeDefinition> todo = new java.util.ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            net.bytebuddy.description.type.TypeDefinition t = todo.poll();
            if (!names.add(t.asErasure().getName())) {
                continue;
            }
            if (t.getSuperClass() != null) {
                todo.add(t.getSuperClass());
            }
            t.getInterfaces().forEach(todo::add);
        }
        return names;
    }

    /** Advice on each target method this class implements itself (package-private for tests without an agent). */
    static DynamicType.Builder<?> adviseAll(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, List<Target> targets, SiteTable sites, InstrumentationReport report) {
        boolean changed = false;
        for (Target t : targets) {
            ElementMatcher.Junction<MethodDescription> kind = t.isConstructor()
                    ? isConstructor() : named(t.method()).and(not(isAbstract()));
            ElementMatcher.Junction<MethodDescription> method = kind
                    .and(m -> t.parameters() == null || m.getDescriptor().startsWith(t.parameters()));
            if (type.getDeclaredMethods().filter(method).isEmpty()) {
                continue;
            }
            SourceLines.Location where = SourceLines.of(loader, type.getInternalName(), t.method(),
                    t.parameters() == null ? "(" : t.parameters());
            int site = sites.register(type.getName(), t.method(), where.file(), where.line(), t.id());
            boolean firstThree = t.lastArgumentRead() < Hooks.FEW_ARGUMENTS;
            Class<?> advice = t.isConstructor() ? CalleeAdvice.Constructor.class
                    : atEntryOnly(t.role())
                            ? (firstThree ? CalleeAdvice.AtEntryFirstThree.class : CalleeAdvice.AtEntry.class)
                    : firstThree ? CalleeAdvice.AroundFirstThree.class : CalleeAdvice.Around.class;
            builder = builder.visit(Advice.withCustomMapping().bind(TargetId.class, t.id()).bind(SiteId.class, site)
                    .to(advice).on(method));
            report.advised(t);
            changed = true;
        }
        if (changed) {
            report.instrumented(type.getName());
        }
        return builder;
    }

    private static boolean atEntryOnly(Role role) {
        return role == Role.USE || role == Role.TRANSFER || role == Role.SHOULD_BE_FREE;
    }

    /** Reports classes ByteBuddy failed to transform. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        private final InstrumentationReport report;

        FailureListener(InstrumentationReport report) {
            this.report = report;
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            if (error instanceof TypePool.Resolution.NoSuchTypeException) {
                // While matching subtypes: a class whose supertypes are missing could not be loaded anyway, so it
                // cannot be one of ours (e.g. Netty's optional log4j logger without log4j on the class path).
                return;
            }
            report.failed(typeName, error);
        }
    }
}
