package org.reftrace.netdev;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The model's dmesg: every message, WARN, BUG and memory error, kept for queries (tests and scenarios assert
 * on it) and echoed to a stream. Like the kernel's ring buffer it keeps only the newest
 * {@value #CAPACITY} messages, so a wait that warns forever cannot exhaust memory; {@link #dropped()} counts
 * the rest.
 *
 * <p>Thread-safe.
 */
public final class KernelLog {
    static final int CAPACITY = 10_000;

    private final Clock clock;
    private final PrintStream echo;
    private final ArrayDeque<KernelMessage> messages = new ArrayDeque<>();
    private long dropped;

    /** @param echo where each message is printed as it is logged, or {@code null} to stay silent */
    KernelLog(Clock clock, PrintStream echo) {
        this.clock = clock;
        this.echo = echo;
    }

    KernelMessage log(KernelMessage.Kind kind, NetDevice dev, String text) {
        return append(new KernelMessage(clock.nanoTime(), kind, dev == null ? null : dev.name(), text));
    }

    private KernelMessage append(KernelMessage message) {
        synchronized (this) {
            messages.addLast(message);
            if (messages.size() > CAPACITY) {
                messages.removeFirst();
                dropped++;
            }
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

    /**
     * Records a line about an object outside the netdev core (an IP stack object: {@code in_device(eth0)},
     * {@code dst(eth0)}, ...), as the subsystems that own those objects print it: a {@code pr_err}/{@code pr_warn}
     * ({@link KernelMessage.Kind#MESSAGE}), a {@code WARN()} ({@link KernelMessage.Kind#WARN}) or a KASAN- or
     * refcount_t-style memory error ({@link KernelMessage.Kind#MEMORY}). Model-only: the kernel's printk has no
     * object argument; the model keeps it so tests and reports can ask which object a line is about.
     *
     * @param object the object's report name, or {@code null}
     * @throws IllegalArgumentException for {@link KernelMessage.Kind#BUG}: a BUG stops the call, use the core's
     */
    public KernelMessage report(KernelMessage.Kind kind, String object, String text) {
        if (kind == KernelMessage.Kind.BUG) {
            throw new IllegalArgumentException("report() does not record BUGs (expected: MESSAGE, WARN or MEMORY)");
        }
        return append(new KernelMessage(clock.nanoTime(), kind, object, text));
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

    /** Messages pushed out of the ring by newer ones. */
    public synchronized long dropped() {
        return dropped;
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
