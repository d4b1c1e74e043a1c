package org.reftrace.replay;

/**
 * iproute2 refusing a command line before it reaches the kernel, with its own message and exit status (e.g.
 * {@code Cannot find device "x"}, status 1). The command ran as {@code ip} would have.
 */
final class IprouteError extends RuntimeException {
    private final int status;

    IprouteError(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
