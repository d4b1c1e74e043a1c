package org.reftrace.agent.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a profile file (docs/profiles.md): one {@code key = value} per line, {@code #} comments. Every defect is
 * one {@link ProfileError} naming the file, the line and the field, quoting the value and saying what was
 * expected.
 */
public final class ProfileParser {
    /** A profile that cannot be used: one line, ready to print. */
    public static final class ProfileError extends Exception {
        public ProfileError(String message) {
            super(message);
        }
    }

    private static final Set<String> SINGLE = Set.of("name", "kind", "type", "name-method", "count-method",
            "count-floor", "state-method", "namespace-method", "registered-states", "released-states",
            "deferred-free-states", "owner", "implementation", "lingering");
    private static final Set<String> REPEATED = Set.of("ignore", "view");
    static final String EXPECTED_SPEC = "Class#method(Types) [object=this|return|argN[*]] [tracker=argN] "
            + "[count=argN] [when=returns-true|returns-zero|returns-nonnull] [done=return], "
            + "e.g. io.netty.util.ReferenceCounted#release()";

    private ProfileParser() {}

    /** The values being collected from one file. */
    private static final class Fields {
        String name;
        String kind;
        String type;
        String nameMethod;
        String countMethod;
        String stateMethod;
        String namespaceMethod;
        int floor;
        String owner = "this";
        String implementation;
        Profile.Lingering lingering = Profile.Lingering.AT_DUMP;
        Set<String> registered = Set.of();
        Set<String> released = Set.of();
        Set<String> deferred = Set.of();
        final Set<String> ignored = new LinkedHashSet<>();
        final List<Profile.View> views = new ArrayList<>();
        final List<Target> targets = new ArrayList<>();
    }

    public static Profile parse(String source, String text) throws ProfileError {
        Fields f = new Fields();
        Set<String> seen = new HashSet<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String content = withoutComment(lines[i]);
            if (content.isEmpty()) {
                continue;
            }
            int eq = content.indexOf('=');
            if (eq <= 0) {
                throw error(source, i, null, content, "key = value");
            }
            String key = content.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = content.substring(eq + 1).strip();
            if (SINGLE.contains(key) && !seen.add(key)) {
                throw error(source, i, key, value, "once per file (it is given again)");
            }
            field(source, i, key, value, f);
        }
        if (f.name == null) {
            throw new ProfileError("reftrace: profile " + source + ": field 'name' is missing (expected: name = NAME)");
        }
        if (f.type == null) {
            throw new ProfileError("reftrace: profile " + source + ": field 'type' is missing (expected: type = "
                    + "the fully qualified name of the tracked class or interface)");
        }
        if (f.targets.stream().noneMatch(t -> t.role().gives() || t.role() == Role.CREATE)
                || f.targets.stream().noneMatch(t -> t.role() == Role.PUT || t.role() == Role.FREE)) {
            throw new ProfileError("reftrace: profile " + source + ": needs at least one 'hold' (or 'alloc', "
                    + "'create', 'lookup') and one 'put' (or 'free') (expected: hold = Class#method(), "
                    + "put = Class#method())");
        }
        return new Profile(f.name, source, f.kind != null ? f.kind : f.name, f.type.replace('.', '/'), f.ignored,
                f.views, f.nameMethod, f.countMethod, f.floor, f.stateMethod, f.namespaceMethod, f.registered,
                f.released, f.deferred, f.implementation, f.owner.equals("this") ? null : f.owner.replace('.', '/'),
                f.lingering, f.targets);
    }

    /** The line without its comment: {@code #} at the start of a line or after a space ({@code Class#method} is not one). */
    private static String withoutComment(String line) {
        String stripped = line.strip();
        if (stripped.startsWith("#")) {
            return "";
        }
        int comment = line.indexOf(" #");
        int tab = line.indexOf("\t#");
        int cut = comment < 0 ? tab : tab < 0 ? comment : Math.min(comment, tab);
        return (cut >= 0 ? line.substring(0, cut) : line).strip();
    }

    private static void field(String source, int i, String key, String value, Fields f) throws ProfileError {
        switch (key) {
            case "name" -> f.name = identifier(source, i, key, value);
            case "kind" -> f.kind = value;
            case "type" -> f.type = className(source, i, key, value);
            case "name-method" -> f.nameMethod = identifier(source, i, key, value);
            case "count-method" -> f.countMethod = identifier(source, i, key, value);
            case "state-method" -> f.stateMethod = identifier(source, i, key, value);
            case "namespace-method" -> f.namespaceMethod = identifier(source, i, key, value);
            case "count-floor" -> f.floor = wholeNumber(source, i, key, value);
            case "registered-states" -> f.registered = words(source, i, key, value);
            case "released-states" -> f.released = words(source, i, key, value);
            case "deferred-free-states" -> f.deferred = words(source, i, key, value);
            case "owner" -> f.owner = value.equals("this") ? value : className(source, i, key, value);
            case "implementation" -> {
                if (!value.matches("[a-z_$][\\w$]*(\\.[a-z_$][\\w$]*)*")) {
                    throw error(source, i, key, value, "a package name, e.g. io.netty.buffer");
                }
                f.implementation = value + ".";
            }
            case "lingering" -> f.lingering = switch (value) {
                case "at-dump" -> Profile.Lingering.AT_DUMP;
                case "at-exit" -> Profile.Lingering.AT_EXIT;
                default -> throw error(source, i, key, value, "at-dump or at-exit");
            };
            case "ignore" -> f.ignored.add(className(source, i, key, value));
            case "view" -> {
                int sharp = value.indexOf('#');
                if (sharp <= 0 || !value.endsWith("()")) {
                    throw error(source, i, key, value, "Class#accessor(), e.g. io.netty.buffer.ByteBufHolder#content()");
                }
                f.views.add(new Profile.View(className(source, i, key, value.substring(0, sharp)),
                        identifier(source, i, key, value.substring(sharp + 1, value.length() - 2))));
            }
            default -> {
                Role role = Role.ofKey(key);
                if (role == null) {
                    throw new ProfileError("reftrace: profile " + source + ":" + (i + 1) + ": unknown field '" + key
                            + "' (expected one of: " + String.join(", ", SINGLE.stream().sorted().toList()) + ", "
                            + String.join(", ", REPEATED) + ", "
                            + String.join(", ", Arrays.stream(Role.values()).map(Role::key).toList()) + ")");
                }
                f.targets.add(target(source, i, key, value, role, f.targets.size()));
            }
        }
    }

    /** {@code pkg.Class#method(pkg.Type, int)} or {@code pkg.Class#method(*)}, then its modifiers. */
    static Target target(String source, int line, String key, String value, Role role, int id) throws ProfileError {
        int close = value.indexOf(')');
        if (close < 0) {
            throw error(source, line, key, value, EXPECTED_SPEC);
        }
        String spec = value.substring(0, close + 1);
        int sharp = spec.indexOf('#');
        int open = spec.indexOf('(');
        if (sharp <= 0 || open < sharp + 2) {
            throw error(source, line, key, value, EXPECTED_SPEC);
        }
        String owner = className(source, line, key, spec.substring(0, sharp));
        String method = spec.substring(sharp + 1, open);
        boolean constructor = method.equals("<init>");
        if (!constructor && !method.matches("[A-Za-z_$][\\w$]*")) {
            throw error(source, line, key, value, "a method name after '#', or <init> for a constructor");
        }
        if (constructor && role != Role.ALLOC && role != Role.CREATE) {
            throw error(source, line, key, value, "a constructor (<init>) only as alloc or create");
        }
        String params = spec.substring(open + 1, spec.length() - 1).strip();
        String parameters = null;
        if (!params.equals("*")) {
            StringBuilder descriptor = new StringBuilder("(");
            if (!params.isEmpty()) {
                for (String param : params.split(",")) {
                    String d = TypeNames.descriptor(param.strip());
                    if (d == null) {
                        throw error(source, line, key, value, "parameter types such as int, byte[] or "
                                + "java.lang.String; '" + param.strip() + "' is not one");
                    }
                    descriptor.append(d);
                }
            }
            parameters = descriptor.append(')').toString();
        }
        Modifiers m = modifiers(source, line, key, value, value.substring(close + 1).strip(), role);
        if (m.object.each() && role.takesOrDrops()) {
            throw error(source, line, key, value, "[*] only on lifecycle roles (unregister, wait, ...), not on " + key);
        }
        return new Target(id, 0, owner.replace('.', '/'), method, parameters, role, m.object, m.tracker, m.count,
                m.when, m.doneIsReturn, source + ":" + (line + 1));
    }

    private static final class Modifiers {
        ObjectSelector object;
        int tracker = -1;
        int count = -1;
        Success when = Success.RETURNS;
        boolean doneIsReturn;
    }

    private static Modifiers modifiers(String source, int line, String key, String value, String text, Role role)
            throws ProfileError {
        Modifiers m = new Modifiers();
        m.object = role == Role.ALLOC || role == Role.CREATE || role == Role.LOOKUP ? ObjectSelector.RETURN
                : ObjectSelector.AUTO;
        if (text.isEmpty()) {
            return m;
        }
        for (String word : text.split("\\s+")) {
            int eq = word.indexOf('=');
            String name = eq > 0 ? word.substring(0, eq) : word;
            String v = eq > 0 ? word.substring(eq + 1) : "";
            switch (name) {
                case "object" -> m.object = selector(source, line, key, value, v);
                case "tracker" -> m.tracker = argument(source, line, key, value, name, v);
                case "count" -> m.count = argument(source, line, key, value, name, v);
                case "when" -> {
                    m.when = Success.ofKey(v);
                    if (m.when == null) {
                        throw error(source, line, key, value, "when=returns-true, returns-zero or returns-nonnull");
                    }
                }
                case "done" -> {
                    if (!v.equals("return") || role != Role.WAIT) {
                        throw error(source, line, key, value, "done=return, and only on a wait");
                    }
                    m.doneIsReturn = true;
                }
                default -> throw error(source, line, key, value, EXPECTED_SPEC);
            }
        }
        return m;
    }

    /** {@code this}, {@code return}, {@code argN} or {@code N} (from 0, the receiver not counted), each with [*]. */
    private static ObjectSelector selector(String source, int line, String key, String value, String v)
            throws ProfileError {
        boolean each = v.endsWith("[*]");
        String base = each ? v.substring(0, v.length() - 3) : v;
        ObjectSelector.Source from;
        int index = -1;
        if (base.equals("this")) {
            from = ObjectSelector.Source.THIS;
        } else if (base.equals("return")) {
            from = ObjectSelector.Source.RETURN;
        } else {
            index = argumentIndex(base);
            if (index < 0) {
                throw error(source, line, key, value, "object=this, return, argN or N (arguments count from 0, "
                        + "the receiver not included), optionally followed by [*] for each element");
            }
            from = ObjectSelector.Source.ARGUMENT;
        }
        return new ObjectSelector(from, index, each);
    }

    private static int argument(String source, int line, String key, String value, String name, String v)
            throws ProfileError {
        int index = argumentIndex(v);
        if (index < 0) {
            throw error(source, line, key, value, name + "=argN with N an argument index from 0");
        }
        return index;
    }

    private static int argumentIndex(String v) {
        String digits = v.startsWith("arg") ? v.substring(3) : v;
        if (!digits.matches("\\d{1,3}")) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    private static Set<String> words(String source, int line, String key, String value) throws ProfileError {
        Set<String> words = new LinkedHashSet<>();
        for (String w : value.split("[,\\s]+")) {
            if (!w.matches("[\\w$-]+")) {
                throw error(source, line, key, value, "names separated by commas, e.g. REGISTERED, UNREGISTERING");
            }
            words.add(w);
        }
        return words;
    }

    private static int wholeNumber(String source, int line, String key, String value) throws ProfileError {
        if (!value.matches("\\d{1,9}")) {
            throw error(source, line, key, value, "a whole number >= 0");
        }
        return Integer.parseInt(value);
    }

    private static String className(String source, int line, String key, String value) throws ProfileError {
        if (!TypeNames.isClassName(value)) {
            throw error(source, line, key, value, "a fully qualified class name, e.g. com.example.Entry");
        }
        return value;
    }

    private static String identifier(String source, int line, String key, String value) throws ProfileError {
        if (!value.matches("[A-Za-z_$][\\w$-]*")) {
            throw error(source, line, key, value, "a name");
        }
        return value;
    }

    static ProfileError error(String source, int line, String key, String value, String expected) {
        return new ProfileError("reftrace: profile " + source + ":" + (line + 1) + ": "
                + (key == null ? "'" + value + "'" : "field '" + key + "' is '" + value + "'") + " (expected: "
                + expected + ")");
    }
}
