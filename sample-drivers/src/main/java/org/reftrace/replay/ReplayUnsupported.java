package org.reftrace.replay;

/**
 * A command (or one of its tokens) the replay cannot run against the model: the token as written and what the
 * replay supports instead. The command is not run; its line is reported once and counted as unsupported.
 */
final class ReplayUnsupported extends RuntimeException {
    private final String token;

    ReplayUnsupported(String token, String message) {
        super(message, null, false, false);
        this.token = token;
    }

    String token() {
        return token;
    }
}
