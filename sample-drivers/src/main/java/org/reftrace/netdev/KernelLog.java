package org.reftrace.netdev;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The model's dmesg: every message, WARN, BUG and memory error, kept for queries (tests and scenarios assert
 * on it) and echoed to a stream.
 *
 * <p>Thread-safe.
 */
public final class KernelLog {
    private final Clock clock;
    private final PrintStream echo;
    private final List<KernelMessage> messages = new ArrayList<>();

    /** @param echo where each message is printed as it is logged, or {@code null} to stay silent */
    KernelLog(Clock clock, PrintStream echo) {
        this.clock = clock;
        this.echo = echo;
    }

    KernelMessage log(KernelMessage.Kind kind, NetDevice dev, String text) {
        KernelMessage message = new KernelMessage(clock.nanoTime(), kind, dev == null ? null : dev.name(), text);
        synchronized (this) {
            messages.add(message);
        }
        if (echo != null) {
            echo.println(message.formatted());
        }
        return message;
    }

    void info(NetDevice dev, String text) {
        log(KernelMessage.Kind.MESSAGE, dev, text);
    }

    /** Records a {@code WARN()} and goes on, as the kernel does. */
    void warn(NetDevice dev, String text) {
        log(KernelMessage.Kind.WARN, dev, "WARNING: " + text);
    }

    /** Records a memory error (KASAN- or refcount_t-style) and goes on. */
    void memoryError(NetDevice dev, String text) {
        log(KernelMessage.Kind.MEMORY, dev, text);
    }

    /** Records a {@code BUG()} and returns the exception that stops the offending call. */
    KernelBug bug(NetDevice dev, String rule, String detail) {
        String text = "kernel BUG: " + rule + ": " + detail;
        log(KernelMessage.Kind.BUG, dev, text);
        return new KernelBug(rule, text);
    }

    /** Every message so far, oldest first. */
    public synchronized List<KernelMessage> messages() {
        return List.copyOf(messages);
    }

    /** The messages of one kind. */
    public List<KernelMessage> of(KernelMessage.Kind kind) {
        return matching(m -> m.kind() == kind);
    }

    /** The messages whose text contains {@code fragment}. */
    public List<KernelMessage> containing(String fragment) {
        return matching(m -> m.text().contains(fragment));
    }

    private synchronized List<KernelMessage> matching(Predicate<KernelMessage> filter) {
        return messages.stream().filter(filter).toList();
    }
}
