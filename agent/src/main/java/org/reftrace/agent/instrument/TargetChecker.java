package org.reftrace.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.profile.ProfileSet;
import org.reftrace.agent.profile.Target;

/**
 * Checks, when a class a profile names loads, that the methods and accessors the profile names on it exist
 * (declared there or inherited). A missing one is one line on the console, in the dump's health and on the
 * page, and makes test mode fail: a typo must never look like "no leaks".
 *
 * <p>Thread-safe.
 */
final class TargetChecker {
    /** One thing to look for on a class. */
    private record Expected(String method, String parameters, String what) {}

    private final Map<String, List<Expected>> byClass = new LinkedHashMap<>();
    private final InstrumentationReport report;

    TargetChecker(ProfileSet profiles, InstrumentationReport report) {
        this.report = report;
        for (Profile p : profiles.profiles()) {
            for (Target t : p.targets()) {
                expect(t.className(), t.method(), t.parameters(), "profile " + t.source() + ": " + t);
                report.expectClass(p.name(), t.className());
            }
            String type = p.typeName();
            for (String[] accessor : new String[][] {{"name-method", p.nameMethod()}, {"count-method", p.countMethod()},
                    {"state-method", p.stateMethod()}, {"namespace-method", p.namespaceMethod()}}) {
                if (accessor[1] != null) {
                    expect(type, accessor[1], "()", "profile " + p.source() + ": " + accessor[0] + " = " + accessor[1]);
                }
            }
            for (Profile.View view : p.views()) {
                expect(view.type(), view.accessor(), "()", "profile " + p.source() + ": view = " + view.type() + "#"
                        + view.accessor() + "()");
            }
        }
    }

    private void expect(String className, String method, String parameters, String what) {
        byClass.computeIfAbsent(className, c -> new ArrayList<>()).add(new Expected(method, parameters, what));
    }

    Set<String> classesToCheck() {
        return new LinkedHashSet<>(byClass.keySet());
    }

    void check(TypeDescription type) {
        report.classLoaded(type.getName());
        for (Expected e : byClass.getOrDefault(type.getName(), List.of())) {
            if (!existsInHierarchy(type, e)) {
                report.missing(e.what() + " does not exist in " + type.getName()
                        + (e.parameters() != null && e.parameters().equals("()") ? " (a method without parameters)" : "")
                        + ": it cannot be recorded");
            }
        }
    }

    private static boolean existsInHierarchy(TypeDefinition type, Expected e) {
        ElementMatcher.Junction<MethodDescription> m = named(e.method());
        if (e.parameters() != null) {
            m = e.parameters().equals("()") ? m.and(takesNoArguments())
                    : m.and(d -> d.getDescriptor().startsWith(e.parameters()));
        }
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            if (!t.getDeclaredMethods().filter(m).isEmpty() || inInterfaces(t, m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inInterfaces(TypeDefinition type, ElementMatcher<MethodDescription> m) {
        for (TypeDefinition i : type.getInterfaces()) {
            if (!i.getDeclaredMethods().filter(m).isEmpty() || inInterfaces(i, m)) {
                return true;
            }
        }
        return false;
    }
}
