package org.reftrace.netdev;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The rtnl mutex ({@code net/core/rtnetlink.c}): a plain, non-reentrant lock that serialises every device
 * configuration change. {@link #unlock()} runs the todo list <em>after</em> releasing the lock, as
 * {@code rtnl_unlock()} → {@code netdev_run_todo()} does, so it may wait for references for as long as they
 * are held.
 *
 * <p>Thread-safe.
 */
public final class Rtnl {
    private final Kernel kernel;
    // A ReentrantLock only for its owner bookkeeping: taking it twice is reported as the deadlock it would be.
    private final ReentrantLock mutex = new ReentrantLock();

    Rtnl(Kernel kernel) {
        this.kernel = kernel;
    }

    /** {@code rtnl_lock()}. Taking it again on the same thread is a BUG (the kernel would deadlock). */
    public void lock() {
        if (mutex.isHeldByCurrentThread()) {
            throw kernel.log().bug(null, "rtnl_lock recursion",
                    "rtnl_lock() called by a thread that already holds it (the kernel would deadlock here)");
        }
        mutex.lock();
    }

    /**
     * {@code rtnl_trylock()}: takes the lock if it is free and returns {@code true}; never waits. Work that runs
     * while someone may wait for it under rtnl (a bond's monitors) must use this, or the two deadlock.
     */
    public boolean tryLock() {
        if (mutex.isHeldByCurrentThread()) {
            return false; // the kernel's mutex_trylock() fails on a held mutex, whoever holds it
        }
        return mutex.tryLock();
    }

    /** {@code rtnl_unlock()}: releases the lock, then runs the todo list ({@code netdev_run_todo()}). */
    public void unlock() {
        checkOwner("rtnl_unlock");
        TodoRunner.netdevRunTodo(kernel);
    }

    /** {@code __rtnl_unlock()}: releases the lock without running the todo list. */
    public void unlockWithoutTodo() {
        checkOwner("__rtnl_unlock");
        mutex.unlock();
    }

    /** {@code rtnl_is_locked()} by this thread. */
    public boolean isHeld() {
        return mutex.isHeldByCurrentThread();
    }

    /** {@code ASSERT_RTNL()}: a WARN when the calling thread does not hold rtnl; the call goes on. */
    public void assertRtnl(String where) {
        if (!isHeld()) {
            kernel.log().warn(null, "RTNL: assertion failed at " + where);
        }
    }

    private void checkOwner(String function) {
        if (!mutex.isHeldByCurrentThread()) {
            throw kernel.log().bug(null, function + " without rtnl", function + "() by a thread that does not hold rtnl");
        }
    }
}
