package org.reftrace.agent.record;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads objects' counts and states (host code: the profile's accessors) for a report without ever blocking the
 * thread that asked: on a daemon thread of its own, within a deadline. What is not read in time reads as unknown
 * and is counted. A host whose accessor blocks (a {@code synchronized} method whose lock the exiting thread holds)
 * costs the report a few hundred milliseconds, never the host its exit.
 *
 * <p>Thread-safe.
 */
final class BoundedReads {
    /** A read's result: the object's count and state, either {@code null} when unknown. */
    record Read(Integer count, String state) {}

    /** Threads at most; one stuck in host code is abandoned, and the next report uses another. */
    private static final int THREADS = 4;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, THREADS, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread thread = new Thread(r, "reftrace-probe");
                thread.setDaemon(true);
                return thread;
            });
    private final LongAdder unreadable = new LongAdder();

    /** Reads every live object of {@code states}, giving up at {@code deadlineNanos} from now. */
    Map<ObjectState, Read> read(List<ObjectState> states, long deadlineNanos) {
        Map<ObjectState, Read> out = new ConcurrentHashMap<>();
        if (states.isEmpty()) {
            return out;
        }
        CountDownLatch done = new CountDownLatch(1);
        try {
            pool.execute(() -> {
                for (ObjectState s : states) {
                    Object object = s.ref.get();
                    if (object != null && !s.stage.freed()) {
                        out.put(s, new Read(s.profile.count(object), s.profile.state(object)));
                    }
                }
                done.countDown();
            });
            if (!done.await(deadlineNanos, TimeUnit.NANOSECONDS)) {
                count(states, out);
            }
        } catch (RejectedExecutionException e) {
            count(states, out); // every reader is stuck in host code
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            count(states, out);
        }
        return Map.copyOf(out);
    }

    private void count(List<ObjectState> states, Map<ObjectState, Read> read) {
        for (ObjectState s : states) {
            if (!read.containsKey(s) && s.ref.get() != null && !s.stage.freed() && s.profile.hasCount()) {
                unreadable.increment();
            }
        }
    }

    /** Objects whose count or state could not be read in time, so far. */
    long unreadable() {
        return unreadable.sum();
    }
}
