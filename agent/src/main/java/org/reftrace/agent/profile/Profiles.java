package org.reftrace.agent.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds profiles by name: built-in ones (each a profile file in the agent's resources), groups of them, or a
 * profile file's path; several at once joined with {@code +} ({@code profile=kernel+lease.profile}).
 */
public final class Profiles {
    /** The built-in profiles: name → resource. */
    static final Map<String, String> BUILT_IN = builtIns();
    /** Names that stand for several built-in profiles. */
    static final Map<String, List<String>> GROUPS = Map.of("kernel", List.of("netdev", "kmem"));

    private Profiles() {}

    private static Map<String, String> builtIns() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : List.of("netdev", "kmem", "netty", "lucene")) {
            m.put(name, name + ".profile");
        }
        return m;
    }

    /** The names a user can give, for messages and {@code --help}. */
    public static List<String> builtInNames() {
        List<String> names = new ArrayList<>(GROUPS.keySet());
        names.addAll(BUILT_IN.keySet());
        return names;
    }

    /** {@code netdev}, {@code kernel}, {@code path/to/x.profile}, or several joined with {@code +}. */
    public static ProfileSet load(String spec) throws ProfileParser.ProfileError {
        List<Profile> profiles = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String part : spec.split("\\+")) {
            String name = part.strip();
            for (String one : GROUPS.getOrDefault(name, List.of(name))) {
                Profile p = loadOne(one);
                if (seen.contains(p.name())) {
                    throw new ProfileParser.ProfileError("reftrace: agent option 'profile=" + spec + "' names profile '"
                            + p.name() + "' twice (expected: each profile once)");
                }
                seen.add(p.name());
                profiles.add(p);
            }
        }
        return ProfileSet.of(profiles);
    }

    private static Profile loadOne(String nameOrPath) throws ProfileParser.ProfileError {
        String resource = BUILT_IN.get(nameOrPath);
        if (resource != null) {
            return builtIn(resource);
        }
        Path file;
        try {
            file = Path.of(nameOrPath);
        } catch (RuntimeException e) {
            file = null;
        }
        if (nameOrPath.isEmpty() || file == null || !Files.isRegularFile(file)) {
            throw new ProfileParser.ProfileError("reftrace: agent option 'profile=" + nameOrPath
                    + "' is invalid (expected: " + String.join(", ", builtInNames())
                    + ", or the path of a profile file; " + (file != null && Files.exists(file) ? "this is a folder"
                    : "no such file") + ")");
        }
        try {
            return ProfileParser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProfileParser.ProfileError("reftrace: cannot read profile " + file + ": " + e.getMessage());
        }
    }

    private static Profile builtIn(String resource) throws ProfileParser.ProfileError {
        try (InputStream in = Profiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ProfileParser.ProfileError("reftrace: built-in profile " + resource + " is missing from the jar");
            }
            return ProfileParser.parse("built-in " + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProfileParser.ProfileError("reftrace: cannot read built-in profile " + resource + ": " + e);
        }
    }
}
