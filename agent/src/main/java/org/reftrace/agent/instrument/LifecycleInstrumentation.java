package org.reftrace.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasDescriptor;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import java.lang.instrument.Instrumentation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.profile.Role;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.SiteTable;

/**
 * Wires ByteBuddy: advice on every lifecycle method of the profile, grouped per class, with retransformation
 * so that classes loaded before a late attach are covered too. Failures go to the {@link InstrumentationReport};
 * a profile method that does not exist on its class is reported, never silently missed.
 */
public final class LifecycleInstrumentation {
    static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private LifecycleInstrumentation() {}

    /** Enter-advice roles; the others get exit advice, and {@link Role#WAIT} gets both. */
    private static boolean atEntry(Role role) {
        return role == Role.FREE || role == Role.RELEASE || role == Role.WAIT;
    }

    private static boolean atExit(Role role) {
        return role != Role.FREE && role != Role.RELEASE && role != Role.TRANSFER && role != Role.SHOULD_BE_FREE;
    }

    public static void install(Instrumentation inst, Profile profile, SiteTable sites, InstrumentationReport report) {
        Map<String, List<Target>> byClass = new LinkedHashMap<>();
        List<Target> onSubtypes = new java.util.ArrayList<>();
        for (Target t : profile.lifecycleTargets()) {
            if (t.subtypes()) {
                onSubtypes.add(t);
            } else {
                byClass.computeIfAbsent(t.className(), c -> new java.util.ArrayList<>()).add(t);
            }
        }
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
                .ignore(nameStartsWith("org.reftrace.agent.").or(nameStartsWith("java.")));
        for (Map.Entry<String, List<Target>> entry : byClass.entrySet()) {
            List<Target> targets = entry.getValue();
            builder = builder.type(named(entry.getKey()))
                    .transform((b, type, loader, module, domain) -> adviseAll(b, type, targets, report));
        }
        for (Target t : onSubtypes) {
            builder = builder.type(hasSuperType(named(t.className())).and(not(isInterface())))
                    .transform((b, type, loader, module, domain) -> adviseSubtype(b, type, loader, t, sites));
        }
        builder.installOn(inst);
    }

    /** Advice on a subtype's own implementation of a method, with a call site named after it. */
    private static DynamicType.Builder<?> adviseSubtype(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, Target t, SiteTable sites) {
        ElementMatcher.Junction<MethodDescription> method = named(t.method()).and(not(isAbstract()))
                .and(m -> t.anyParameters() || m.getDescriptor().startsWith(t.parameters()));
        if (type.getDeclaredMethods().filter(method).isEmpty()) {
            return builder;
        }
        SourceLines.Location where = SourceLines.of(loader, type.getInternalName(), t.method(),
                t.anyParameters() ? "(" : t.parameters());
        int site = sites.register(type.getName(), t.method(), where.file(), where.line(), t.id());
        Advice advice = Advice.withCustomMapping().bind(TargetId.class, t.id()).bind(SiteId.class, site)
                .to(LifecycleAdvice.OnInstanceEnter.class);
        return builder.visit(advice.on(method));
    }

    private static DynamicType.Builder<?> adviseAll(DynamicType.Builder<?> builder, TypeDescription type,
            List<Target> targets, InstrumentationReport report) {
        for (Target t : targets) {
            var method = named(t.method()).and(hasDescriptor(t.descriptor()));
            if (type.getDeclaredMethods().filter(method).isEmpty()) {
                report.failed(type.getName(), new NoSuchMethodException("profile method " + t
                        + " does not exist: its events cannot be recorded"));
                continue;
            }
            if (atEntry(t.role())) {
                builder = builder.visit(advice(LifecycleAdvice.OnEnter.class, t).on(method));
            }
            if (atExit(t.role())) {
                builder = builder.visit(advice(LifecycleAdvice.OnExit.class, t).on(method));
            }
        }
        report.instrumented(type.getName());
        return builder;
    }

    private static Advice advice(Class<?> adviceClass, Target target) {
        return Advice.withCustomMapping().bind(TargetId.class, target.id()).to(adviceClass);
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
