package org.reftrace.netdev;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Model-only: one booted kernel, the home of what the real kernel keeps in globals (the rtnl lock, the notifier
 * chain, the todo list, the namespaces, RCU, linkwatch, the log). Several kernels can live in one JVM, so tests
 * never share state.
 *
 * <p>Thread-safe. The todo list is guarded by rtnl, as in the kernel.
 */
public final class Kernel {
    private volatile KernelConfig config;
    private final Clock clock;
    private final KernelLog log;
    private final Kmem kmem;
    private final Rtnl rtnl = new Rtnl(this);
    private final NotifierChain notifiers = new NotifierChain(this);
    private final Rcu rcu = new Rcu();
    private final Linkwatch linkwatch = new Linkwatch(this);
    private final Timers timers;
    private final Workqueues workqueues = new Workqueues(this);
    private final Workqueue systemWq = new Workqueue(this, "events", 4, false);
    private final Workqueue systemUnboundWq = new Workqueue(this, "events_unbound", 4, false);
    /** {@code netns_wq}: {@code create_singlethread_workqueue("netns")}. */
    private final Workqueue netnsWq = new Workqueue(this, "netns", 1, true);
    /** {@code net_cleanup_work}: {@code cleanup_net()}. */
    final WorkStruct netCleanupWork = new WorkStruct(w -> Namespaces.cleanupNet(this));
    /** {@code cleanup_list}: namespaces whose last reference went, waiting for {@code cleanup_net()}. */
    final List<Net> cleanupList = new ArrayList<>();
    /** {@code pernet_ops_rwsem}. */
    private final ReentrantReadWriteLock pernetOpsRwsem = new ReentrantReadWriteLock();
    /** Which {@code WARN_ONCE} sites have fired. */
    private final java.util.Set<String> warnedOnce = ConcurrentHashMap.newKeySet();
    private final StackDepot stackDepot = new StackDepot();
    private final FaultInjection faults = new FaultInjection();
    private final List<Net> namespaces = new CopyOnWriteArrayList<>();
    private final Map<String, RtnlLinkOps> linkOps = new ConcurrentHashMap<>();
    private final List<WaitHang> hangs = new CopyOnWriteArrayList<>();
    /** {@code net_todo_list}; guarded by rtnl. */
    final List<NetDevice> todoList = new ArrayList<>();
    private final Net initNet;

    private Kernel(KernelConfig config, Clock clock, PrintStream echo) {
        this.config = config;
        this.clock = clock;
        this.log = new KernelLog(clock, echo);
        this.kmem = new Kmem(log);
        this.timers = new Timers(clock);
        this.initNet = Namespaces.create(this, "init_net");
    }

    /**
     * Boots a kernel: creates {@code init_net} with its {@code lo}.
     *
     * @param echo where kernel messages are printed as they happen, or {@code null} for none
     */
    public static Kernel boot(KernelConfig config, Clock clock, PrintStream echo) {
        return new Kernel(config, clock, echo);
    }

    /** A kernel with the default configuration on the real clock, printing nothing. */
    public static Kernel boot() {
        return boot(KernelConfig.defaults(), ScaledClock.realTime(), null);
    }

    public KernelConfig config() {
        return config;
    }

    /**
     * {@code sysctl net.core.netdev_unregister_timeout_secs=SECS}: the interval of the "waiting for" warning, from
     * the next warning on. Returns 0, or -EINVAL outside 1..3600 (the sysctl's {@code proc_dointvec_minmax}).
     */
    public int setNetdevUnregisterTimeoutSecs(int secs) {
        if (secs < 1 || secs > 3600) {
            return -Errno.EINVAL;
        }
        config = config.withUnregisterTimeoutSecs(secs);
        return 0;
    }

    public Clock clock() {
        return clock;
    }

    /** The model's dmesg. */
    public KernelLog log() {
        return log;
    }

    /** Model-only: allocations and the kmemleak over them. */
    public Kmem kmem() {
        return kmem;
    }

    /**
     * Model-only kmemleak: what was allocated and never freed, less {@code init_net}'s {@code lo}, which lives
     * as long as the kernel.
     */
    public List<Kmem.Allocation> kmemleak() {
        Kmem.Allocation initLoopback = initNet.loopback().memory;
        return kmem.unreferenced().stream().filter(a -> a != initLoopback).toList();
    }

    public Rtnl rtnl() {
        return rtnl;
    }

    public Rcu rcu() {
        return rcu;
    }

    public Linkwatch linkwatch() {
        return linkwatch;
    }

    /** {@code system_wq} ({@code events}): where {@code schedule_work()} queues. */
    public Workqueue systemWq() {
        return systemWq;
    }

    /** {@code system_unbound_wq} ({@code events_unbound}): where linkwatch runs. */
    public Workqueue systemUnboundWq() {
        return systemUnboundWq;
    }

    /** {@code netns_wq}: where {@code cleanup_net()} dismantles deleted namespaces, one batch at a time. */
    public Workqueue netnsWq() {
        return netnsWq;
    }

    /**
     * Model-only: waits until every workqueue of this kernel (its own {@code netns}, {@code events},
     * {@code events_unbound}, and those drivers allocated, such as a bond's) has nothing queued or running, e.g.
     * before judging a run: a namespace deleted just before is then dismantled (or its cleanup hung and gave up
     * through the wait's escape), and a timer that just fired has had its work done.
     */
    public void quiesce() {
        workqueues.quiesce();
    }

    /** Model-only: failures to inject into the next operations. */
    public FaultInjection faults() {
        return faults;
    }

    /** {@code init_net}. */
    public Net initNet() {
        return initNet;
    }

    /** Every live namespace, {@code init_net} first. */
    public List<Net> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Model-only: each time {@code netdev_wait_all_refs} gave up through the model's escape. */
    public List<WaitHang> hangs() {
        return List.copyOf(hangs);
    }

    /**
     * {@code dump_stack()}: the caller's stack as the kernel prints it under a report, one indented frame a line,
     * starting at the first frame outside the netdev core. For subsystems outside the core that report their own
     * objects' errors ({@link KernelLog#report}).
     */
    public String dumpStack() {
        return stackDepot.save().indented();
    }

    NotifierChain notifiers() {
        return notifiers;
    }

    Timers timers() {
        return timers;
    }

    Workqueues workqueues() {
        return workqueues;
    }

    ReentrantReadWriteLock pernetOpsRwsem() {
        return pernetOpsRwsem;
    }

    /** {@code WARN_ONCE} bookkeeping: {@code true} the first time {@code site} warns in this kernel. */
    boolean warnOnce(String site) {
        return warnedOnce.add(site);
    }

    StackDepot stackDepot() {
        return stackDepot;
    }

    Map<String, RtnlLinkOps> linkOps() {
        return linkOps;
    }

    void addNamespace(Net net) {
        namespaces.add(net);
    }

    void removeNamespace(Net net) {
        namespaces.remove(net);
    }

    void recordHang(WaitHang hang) {
        hangs.add(hang);
    }

    /** Devices on the todo list, waiting for {@code rtnl_unlock()}. */
    public List<NetDevice> pendingTodo() {
        synchronized (todoList) {
            return List.copyOf(todoList);
        }
    }
}
