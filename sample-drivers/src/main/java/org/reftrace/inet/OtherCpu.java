package org.reftrace.inet;

/**
 * Model-only: runs code on another thread, as another CPU (a softirq, a kworker) would, and waits for it, so
 * that a run stays deterministic while the references it takes and drops are taken and dropped on that thread.
 */
public final class OtherCpu {
    private OtherCpu() {}

    /**
     * Runs {@code work} on a new thread named {@code threadName} (e.g. {@code ksoftirqd/1}) and returns when it
     * has finished. An unchecked exception or error it throws (a kernel {@code BUG}) is rethrown here.
     */
    public static void run(String threadName, Runnable work) {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, threadName);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the other CPU finishes what it started; keep the flag for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
    }
}
