package org.reftrace.replay.shell;

/**
 * A part of a script the interpreter cannot run: its line, the token it stumbled on and why.
 *
 * @param line    1-based line
 * @param token   the token that is not supported, as written
 * @param message what is wrong or unsupported
 */
public record ShellError(int line, String token, String message) {
    @Override
    public String toString() {
        return "line " + line + ": '" + token + "': " + message;
    }
}
