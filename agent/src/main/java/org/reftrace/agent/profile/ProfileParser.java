package org.reftrace.agent.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a profile file: one {@code key = value} per line, {@code #} starts a comment. Every error names the file,
 * the line and the field, quotes the value and says what was expected. See {@code docs/profiles.md}.
 *
 * <pre>
 * name = cache
 * kind = cache entry
 * type = com.example.Entry                 # the tracked type; its subtypes are tracked too
 * name-method = key                        # optional: names an object in reports
 * count-method = refCount                  # optional: the object's own count
 * count-floor = 0                          # references the object owns itself (default 0)
 * owner = this                             # or a type: the caller's parameter of that type owns the reference
 * implementation = com.example.pool        # optional: the library's own package; allocations inside it are
 *                                          # part of one already counted at the caller
 * alloc = com.example.Pool#acquire(*)      # returns an object with its first reference
 * hold = com.example.Entry#retain()
 * put = com.example.Entry#release()
 * should-be-free = com.example.Pool#close()   # from here every holder should have let go
 * free = com.example.Entry#destroy()       # the object is gone: any later use is a use after free
 * transfer = com.example.Worker#accept(com.example.Entry)   # ownership passes to the receiving object
 * </pre>
 */
public final class ProfileParser {
    /** A profile file that cannot be used; the message is one line. */
    public static final class ProfileError extends Exception {
        public ProfileError(String message) {
            super(message);
        }
    }

    private static final Set<String> SINGLE = Set.of("name", "kind", "type", "name-method", "count-method",
            "count-floor", "owner", "implementation");
    private static final Map<String, Role> ROLES = Map.of("alloc", Role.LOOKUP, "hold", Role.HOLD, "put", Role.PUT,
            "should-be-free", Role.SHOULD_BE_FREE, "transfer", Role.TRANSFER, "free", Role.FREE);

    private ProfileParser() {}

    public static Profile parse(String source, String text) throws ProfileError {
        String name = null;
        String kind = null;
        String type = null;
        String nameMethod = null;
        String countMethod = null;
        int floor = 0;
        String owner = "this";
        String implementation = null;
        List<Target> targets = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            // a '#' inside a method spec (Class#method) is not a comment: comments start at ' #' or line start
            int comment = line.indexOf(" #");
            String content = (line.strip().startsWith("#") ? "" : comment >= 0 ? line.substring(0, comment) : line).strip();
            if (content.isEmpty() || hash == 0) {
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
            switch (key) {
                case "name" -> name = identifier(source, i, key, value);
                case "kind" -> kind = value;
                case "type" -> type = className(source, i, key, value);
                case "name-method" -> nameMethod = identifier(source, i, key, value);
                case "count-method" -> countMethod = identifier(source, i, key, value);
                case "count-floor" -> {
                    try {
                        floor = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        floor = -1;
                    }
                    if (floor < 0) {
                        throw error(source, i, key, value, "a whole number >= 0");
                    }
                }
                case "owner" -> owner = value.equals("this") ? value : className(source, i, key, value);
                case "implementation" -> {
                    if (!value.matches("[a-z_$][\\w$]*(\\.[a-z_$][\\w$]*)*")) {
                        throw error(source, i, key, value, "a package name, e.g. io.netty.buffer");
                    }
                    implementation = value + ".";
                }
                default -> {
                    Role role = ROLES.get(key);
                    if (role == null) {
                        throw new ProfileError("reftrace: profile " + source + ":" + (i + 1) + ": unknown field '"
                                + key + "' (expected one of: name, kind, type, name-method, count-method, count-floor, "
                                + "owner, implementation, alloc, hold, put, should-be-free, free, transfer)");
                    }
                    targets.add(target(source, i, key, value, role, targets.size()));
                }
            }
        }
        if (name == null) {
            throw new ProfileError("reftrace: profile " + source + ": field 'name' is missing (expected: name = NAME)");
        }
        if (type == null) {
            throw new ProfileError("reftrace: profile " + source + ": field 'type' is missing (expected: type = "
                    + "the fully qualified name of the tracked class or interface)");
        }
        if (targets.stream().noneMatch(t -> t.role() == Role.HOLD || t.role() == Role.LOOKUP)
                || targets.stream().noneMatch(t -> t.role() == Role.PUT)) {
            throw new ProfileError("reftrace: profile " + source + ": needs at least one 'hold' (or 'alloc') and one "
                    + "'put' (expected: hold = Class#method(), put = Class#method())");
        }
        String objectType = type.replace('.', '/');
        String ownerType = owner.equals("this") ? null : owner.replace('.', '/');
        return new Profile(name, kind != null ? kind : name, objectType, nameMethod, countMethod, null, floor, Set.of(),
                Set.of(), Set.of(), false, implementation, targets, ownerType);
    }

    /** {@code pkg.Class#method(pkg.Type, int)} or {@code pkg.Class#method(*)}, optionally {@code object=N}. */
    private static Target target(String source, int line, String key, String value, Role role, int id)
            throws ProfileError {
        String spec = value;
        int objectArgument = -1;
        int close = value.lastIndexOf(')');
        if (close > 0 && close < value.length() - 1) {
            spec = value.substring(0, close + 1);
            String extra = value.substring(close + 1).strip();
            if (!extra.startsWith("object=")) {
                throw error(source, line, key, value, "Class#method(Types) optionally followed by object=N");
            }
            try {
                objectArgument = Integer.parseInt(extra.substring(7));
            } catch (NumberFormatException e) {
                throw error(source, line, key, value, "object=N with N an argument index >= 0");
            }
        }
        int sharp = spec.indexOf('#');
        int open = spec.indexOf('(');
        if (sharp <= 0 || open < sharp + 2 || !spec.endsWith(")")) {
            throw error(source, line, key, value, "Class#method(Types), e.g. io.netty.util.ReferenceCounted#release()");
        }
        String owner = className(source, line, key, spec.substring(0, sharp));
        String method = spec.substring(sharp + 1, open);
        if (!method.matches("[A-Za-z_$][\\w$]*")) {
            throw error(source, line, key, value, "a method name after '#'");
        }
        String params = spec.substring(open + 1, spec.length() - 1).strip();
        boolean any = params.equals("*");
        StringBuilder descriptor = new StringBuilder("(");
        if (!any && !params.isEmpty()) {
            for (String param : params.split(",")) {
                descriptor.append(typeDescriptor(source, line, key, value, param.strip()));
            }
        }
        descriptor.append(")V"); // calls match on parameters only: the return type may be covariant
        return new Target(id, owner.replace('.', '/'), method, descriptor.toString(), role,
                key + " from " + source + ":" + (line + 1), true, any, role == Role.TRANSFER && objectArgument < 0 ? 0
                        : objectArgument);
    }

    private static String typeDescriptor(String source, int line, String key, String value, String type)
            throws ProfileError {
        int dims = 0;
        while (type.endsWith("[]")) {
            dims++;
            type = type.substring(0, type.length() - 2);
        }
        String base = switch (type) {
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            case "float" -> "F";
            case "double" -> "D";
            default -> "L" + className(source, line, key, type).replace('.', '/') + ";";
        };
        return "[".repeat(dims) + base;
    }

    private static String className(String source, int line, String key, String value) throws ProfileError {
        if (!value.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+")) {
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

    private static ProfileError error(String source, int line, String key, String value, String expected) {
        return new ProfileError("reftrace: profile " + source + ":" + (line + 1) + ": "
                + (key == null ? "'" + value + "'" : "field '" + key + "' is '" + value + "'") + " (expected: "
                + expected + ")");
    }
}
