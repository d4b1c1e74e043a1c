package org.reftrace.agent.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a profile by name: the built-in {@code netdev} and {@code netty}, or a profile file's path. */
public final class Profiles {
    private Profiles() {}

    public static Profile load(String nameOrPath) throws ProfileParser.ProfileError {
        switch (nameOrPath) {
            case "netdev":
                return NetdevProfile.create();
            case "netty":
                return builtIn("netty.profile");
            default:
                Path file = Path.of(nameOrPath);
                if (!Files.isRegularFile(file)) {
                    throw new ProfileParser.ProfileError("reftrace: agent option 'profile=" + nameOrPath
                            + "' is invalid (expected: netdev, netty, or the path of a profile file; "
                            + (Files.exists(file) ? "this is a folder" : "no such file") + ")");
                }
                try {
                    return ProfileParser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new ProfileParser.ProfileError("reftrace: cannot read profile " + file + ": " + e.getMessage());
                }
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
