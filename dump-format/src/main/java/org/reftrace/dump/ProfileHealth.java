package org.reftrace.dump;

import java.util.List;

/**
 * How one profile fared (v2): a profile that instrumented nothing, or names methods that do not exist, says so.
 *
 * @param name                the profile's name
 * @param source              where it came from: {@code built-in} or the file's path
 * @param targets             methods it names
 * @param instrumentedTargets of those, the ones instrumented (found on a loaded class)
 * @param missing             one line per method or accessor it names that does not exist
 * @param events              holds and puts recorded through it
 */
public record ProfileHealth(String name, String source, int targets, int instrumentedTargets, List<String> missing,
        long events) {

    public ProfileHealth {
        missing = List.copyOf(missing);
    }
}
