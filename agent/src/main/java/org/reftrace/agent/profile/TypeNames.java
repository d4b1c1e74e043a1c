package org.reftrace.agent.profile;

import java.util.ArrayList;
import java.util.List;

/** Java type names ({@code int}, {@code java.lang.String[]}) to JVM descriptors and back. */
public final class TypeNames {
    private TypeNames() {}

    /** The descriptor of a Java type name, or {@code null} if it is not one. */
    static String descriptor(String type) {
        int dims = 0;
        while (type.endsWith("[]")) {
            dims++;
            type = type.substring(0, type.length() - 2).strip();
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
            default -> isClassName(type) ? "L" + type.replace('.', '/') + ";" : null;
        };
        return base == null ? null : "[".repeat(dims) + base;
    }

    /** Whether {@code name} is a fully qualified class name ({@code com.example.Lease}, {@code a.B$C}). */
    static boolean isClassName(String name) {
        return name.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+");
    }

    /** {@code (ILjava/lang/String;)} → {@code int, java.lang.String}. */
    static String parametersOf(String descriptor) {
        List<String> names = new ArrayList<>();
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            int dims = 0;
            while (descriptor.charAt(i) == '[') {
                dims++;
                i++;
            }
            String base;
            char c = descriptor.charAt(i);
            if (c == 'L') {
                int end = descriptor.indexOf(';', i);
                base = descriptor.substring(i + 1, end).replace('/', '.');
                i = end + 1;
            } else {
                base = switch (c) {
                    case 'Z' -> "boolean";
                    case 'B' -> "byte";
                    case 'C' -> "char";
                    case 'S' -> "short";
                    case 'I' -> "int";
                    case 'J' -> "long";
                    case 'F' -> "float";
                    default -> "double";
                };
                i++;
            }
            names.add(base + "[]".repeat(dims));
        }
        return String.join(", ", names);
    }
}
